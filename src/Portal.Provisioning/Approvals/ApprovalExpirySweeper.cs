using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// Records requests waiting past their expiry as Expired, each with an <c>approval.expire</c> audit entry by the
/// system (reads only show them as expired; decisions expire the one they meet), and queues the job of an approved
/// request whose job was never queued because the portal stopped in between.
/// </summary>
public sealed partial class ApprovalExpirySweeper(
    IServiceProvider services, DatabaseInitializer database, IOptions<ApprovalOptions> options, TimeProvider clock, ILogger<ApprovalExpirySweeper> logger)
    : BackgroundService
{
    private static readonly TimeSpan s_queueGrace = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.Completion.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Value.ExpirySweepInterval, clock);
            do
            {
                await SweepOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var store = services.GetRequiredService<ApprovalStore>();
            var expired = await store.ExpireDueAsync(cancellationToken);
            if (expired > 0)
            {
                LogExpired(logger, expired);
            }

            var approvals = services.GetRequiredService<IApprovalService>();
            foreach (var id in await store.FindApprovedNotQueuedAsync(s_queueGrace, cancellationToken))
            {
                await approvals.QueueExecutionAsync(id, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSweepFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 2602, Level = LogLevel.Information, Message = "{Count} approval request(s) expired")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Error, Message = "The approval expiry sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
