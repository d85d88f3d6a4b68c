using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Data;

/// <summary>
/// Takes the data directory lock, turns on WAL and applies migrations before anything else touches the database.
/// Registered first among hosted services and awaited in StartAsync, so workers never see an old schema.
/// <see cref="Completion"/> feeds the readiness check.
/// </summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<PortalDbContext> contextFactory,
    DataDirectoryLock dataDirectoryLock,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _completion.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            dataDirectoryLock.Acquire();
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            await context.Database.OpenConnectionAsync(cancellationToken);
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                LogApplyingMigrations(logger, pending.Count, string.Join(", ", pending));
                await context.Database.MigrateAsync(cancellationToken);
            }

            _completion.TrySetResult();
        }
        catch (Exception ex)
        {
            _completion.TrySetException(ex);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applying {Count} database migration(s): {Migrations}")]
    private static partial void LogApplyingMigrations(ILogger logger, int count, string migrations);
}
