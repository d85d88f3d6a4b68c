using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Provisioning.Jobs;

/// <summary>
/// Runs queued jobs: <see cref="JobOptions.WorkerCount"/> loops that claim a job, run its handler under a renewed
/// lease, and record how it ended. Idle loops sleep until <see cref="JobSignal"/> wakes them (enqueue, finish, retry),
/// polling slowly only as a fallback. At startup, jobs left Running by a dead process become Interrupted.
/// </summary>
public sealed class JobWorker : BackgroundService
{
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly DatabaseInitializer _database;
    private readonly JobStore _store;
    private readonly JobRecovery _recovery;
    private readonly JobSignal _signal;
    private readonly JobUpdatesNotifier _notifier;
    private readonly RunningJobs _running;
    private readonly JobExecutor _executor;
    private readonly IOptions<JobOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<JobWorker> _logger;

    internal JobWorker(IServiceScopeFactory scopeFactory, DatabaseInitializer database, JobStore store, JobRecovery recovery, JobSignal signal,
        JobUpdatesNotifier notifier, RunningJobs running, IEnumerable<JobHandlerRegistration> handlers, IOptions<JobOptions> options,
        TimeProvider clock, ILogger<JobWorker> logger)
    {
        _scopeFactory = scopeFactory;
        _database = database;
        _store = store;
        _recovery = recovery;
        _signal = signal;
        _notifier = notifier;
        _running = running;
        _options = options;
        _clock = clock;
        _logger = logger;
        _executor = new JobExecutor(this, handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal));
    }

    /// <summary>Identifies this process's leases: host, process and a random part so a restarted process never matches.</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>True once startup recovery is done and the loops are claiming jobs.</summary>
    public bool IsAcceptingJobs { get; private set; }

    public int RunningJobCount => _running.Count;

    internal JobStore Store => _store;

    internal JobSignal Signal => _signal;

    internal JobUpdatesNotifier Notifier => _notifier;

    internal RunningJobs Running => _running;

    /// <summary>Read when needed, not in the constructor: see PortalDbContextFactory for why.</summary>
    internal JobOptions Options => _options.Value;

    internal TimeProvider Clock => _clock;

    internal ILogger Logger => _logger;

    internal IServiceScopeFactory ScopeFactory => _scopeFactory;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _database.Completion.WaitAsync(stoppingToken);
        var interrupted = await _recovery.InterruptOrphansAtStartupAsync(WorkerId, stoppingToken);
        if (interrupted > 0)
        {
            Log.OrphansInterrupted(_logger, interrupted);
        }

        _signal.SetWorkerCount(Options.WorkerCount);
        IsAcceptingJobs = true;
        Log.WorkerStarted(_logger, WorkerId, Options.WorkerCount);
        var loops = Enumerable.Range(0, Options.WorkerCount).Select(_ => RunLoopAsync(stoppingToken)).Append(SweepLoopAsync(stoppingToken));
        try
        {
            await Task.WhenAll(loops);
        }
        finally
        {
            IsAcceptingJobs = false;
        }
    }

    private async Task RunLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            ClaimedJob? job;
            try
            {
                job = await _store.TryClaimAsync(WorkerId, Options.LeaseDuration, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.ClaimFailed(_logger, ex);
                job = null;
            }

            if (job is null)
            {
                try
                {
                    await _signal.WaitAsync(Options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            await _executor.ExecuteAsync(job, stoppingToken);

            // The environment's next job may run now.
            _signal.Wake();
        }
    }

    /// <summary>Catches jobs whose worker hangs without renewing its lease; cheap, so it runs on the poll interval.</summary>
    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Options.LeaseDuration / 2, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await _recovery.InterruptExpiredLeasesAsync(stoppingToken) > 0)
                    {
                        _signal.Wake();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.SweepFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
