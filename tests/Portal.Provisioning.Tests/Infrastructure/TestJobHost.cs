using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Data;
using Portal.Data.Audit;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Jobs.TestHost;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Tests.Jobs.Handlers;
using Xunit.Abstractions;

namespace Portal.Provisioning.Tests.Infrastructure;

/// <summary>
/// A real generic host, as the portal builds it (AddPortalData + AddPortalJobs), on a temp data directory, with
/// short job timings and the test handlers registered per kind.
/// </summary>
public sealed class TestJobHost : IAsyncDisposable
{
    private readonly IHost _host;

    private TestJobHost(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public JobProbe Probe => Services.GetRequiredService<JobProbe>();

    public IJobQueue Queue => Services.GetRequiredService<IJobQueue>();

    public IJobQueryService Jobs => Services.GetRequiredService<IJobQueryService>();

    public JobUpdatesNotifier Notifier => Services.GetRequiredService<JobUpdatesNotifier>();

    public AuditChainVerifier Verifier => Services.GetRequiredService<AuditChainVerifier>();

    public static Dictionary<string, string?> DefaultSettings(TempDataDirectory directory) => new()
    {
        ["Portal:DataDirectory"] = directory.Path,
        ["Jobs:WorkerCount"] = "4",
        ["Jobs:PollInterval"] = "00:00:00.250",
        ["Jobs:LeaseDuration"] = "00:00:02",
        ["Jobs:HeartbeatInterval"] = "00:00:00.200",
        ["Jobs:RetryBaseDelay"] = "00:00:00.100",
        ["Jobs:RetryMaxDelay"] = "00:00:01",
        ["Jobs:ShutdownGracePeriod"] = "00:00:00.500",
    };

    public static async Task<TestJobHost> StartAsync(TempDataDirectory directory, ITestOutputHelper? output = null, Action<Dictionary<string, string?>>? configure = null)
    {
        var host = Build(directory, output, configure);
        await host.StartAsync();
        var started = new TestJobHost(host);
        var worker = started.Services.GetRequiredService<JobWorker>();
        await Eventually.UntilAsync(() => worker.IsAcceptingJobs, "the worker to accept jobs");
        return started;
    }

    public static IHost Build(TempDataDirectory directory, ITestOutputHelper? output = null, Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = DefaultSettings(directory);
        configure?.Invoke(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        if (output is not null)
        {
            builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.AddPortalData();
        builder.Services.AddPortalJobs();
        builder.Services.AddSingleton<JobProbe>();
        builder.Services.AddJobHandler<QuickJobHandler>(QuickJobHandler.Kind);
        builder.Services.AddJobHandler<GatedJobHandler>(GatedJobHandler.Kind);
        builder.Services.AddJobHandler<StubbornJobHandler>(StubbornJobHandler.Kind);
        builder.Services.AddJobHandler<FlakyJobHandler>(FlakyJobHandler.IdempotentKind, isIdempotent: true, maxAttempts: 3);
        builder.Services.AddJobHandler<FlakyJobHandler>(FlakyJobHandler.NonIdempotentKind, isIdempotent: false, maxAttempts: 3);
        builder.Services.AddJobHandler<SlowTickerJobHandler>(SlowTickerJobHandler.Kind);
        return builder.Build();
    }

    public Task<long> EnqueueAsync(string kind, long? environmentId = null, object? payload = null, string requestedBy = "alice") =>
        Queue.EnqueueAsync(new JobRequest { Kind = kind, Title = $"Test {kind}", EnvironmentId = environmentId, Payload = payload, RequestedBy = requestedBy });

    public async Task<long> CreateEnvironmentAsync(string name)
    {
        await using var db = await CreateDbContextAsync();
        var environment = new EnvironmentRecord { Name = name, StackName = name, TemplateName = "test", CreatedBy = "alice", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        db.Environments.Add(environment);
        await db.SaveChangesAsync();
        return environment.Id;
    }

    public Task<PortalDbContext> CreateDbContextAsync() =>
        Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    public async Task<Job> GetJobAsync(long jobId) =>
        await Jobs.GetAsync(jobId) ?? throw new InvalidOperationException($"Job {jobId} does not exist.");

    public Task<Job> WaitForStateAsync(long jobId, JobState state, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() => GetJobAsync(jobId), job => job.State == state, $"job {jobId} to be {state}", timeout);

    public async Task<IReadOnlyList<JobEvent>> GetEventsAsync(long jobId) => await Jobs.GetEventsAsync(jobId, 0, 10_000);

    public async Task<List<AuditEntry>> GetAuditAsync(long jobId)
    {
        await using var db = await CreateDbContextAsync();
        var target = $"job/{jobId}";
        return await db.AuditEntries.AsNoTracking().Where(a => a.Target == target).OrderBy(a => a.Sequence).ToListAsync();
    }

    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Probe.OpenAll();
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            if (_host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                _host.Dispose();
            }
        }
    }
}
