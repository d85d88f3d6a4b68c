using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Data;

/// <summary>Ready once migrations are applied and the database answers a query.</summary>
public sealed class DatabaseHealthCheck(DatabaseInitializer initializer, IDbContextFactory<PortalDbContext> contextFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!initializer.Completion.IsCompleted)
        {
            return HealthCheckResult.Unhealthy("Database migrations have not finished.");
        }

        if (initializer.Completion.IsFaulted)
        {
            return HealthCheckResult.Unhealthy("Database initialization failed.", initializer.Completion.Exception?.GetBaseException());
        }

        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await db.Jobs.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
