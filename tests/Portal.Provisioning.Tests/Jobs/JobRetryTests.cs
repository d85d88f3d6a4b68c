using Portal.Data.Entities;
using Portal.Provisioning.Tests.Infrastructure;
using Portal.Provisioning.Tests.Jobs.Handlers;
using Xunit.Abstractions;

namespace Portal.Provisioning.Tests.Jobs;

public sealed class JobRetryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Worker_IdempotentHandlerFailsOnce_RetriesAfterBackoffAndSucceeds()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output);

        var jobId = await host.EnqueueAsync(FlakyJobHandler.IdempotentKind, payload: new FlakyPayload(Failures: 1));

        var job = await host.WaitForStateAsync(jobId, JobState.Succeeded);
        Assert.Equal(2, job.Attempt);
        Assert.Equal(3, job.MaxAttempts);
        Assert.Equal(2, host.Probe.RunCount(jobId));

        var events = await host.GetEventsAsync(jobId);
        var starts = events.Where(e => e.Message.StartsWith("Started", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, starts.Count);
        var retry = Assert.Single(events, e => e.Message.StartsWith("Attempt 1 of 3 failed", StringComparison.Ordinal));
        Assert.Equal(JobEventLevel.Warning, retry.Level);
        Assert.True(starts[0].Sequence < retry.Sequence && retry.Sequence < starts[1].Sequence);

        // Backoff: the second attempt was not claimed before the time the failure set.
        Assert.NotNull(job.NotBefore);
        Assert.True(starts[1].Time >= job.NotBefore, $"retry started at {starts[1].Time:O}, before its backoff ended at {job.NotBefore:O}");
        Assert.True(job.NotBefore >= retry.Time.AddMilliseconds(50), "the first retry waits about RetryBaseDelay");

        Assert.Equal(["job.enqueue", "job.succeeded"], (await host.GetAuditAsync(jobId)).Select(a => a.Action));
    }

    [Fact]
    public async Task Worker_IdempotentHandlerKeepsFailing_FailsAfterMaxAttempts()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output);

        var jobId = await host.EnqueueAsync(FlakyJobHandler.IdempotentKind, payload: new FlakyPayload(Failures: 10));

        var job = await host.WaitForStateAsync(jobId, JobState.Failed);
        Assert.Equal(3, job.Attempt);
        Assert.Equal(3, host.Probe.RunCount(jobId));
        Assert.Equal("Planned failure of attempt 3.", job.Error);
    }

    [Fact]
    public async Task Worker_NonIdempotentHandlerFails_FailsWithoutRetry()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output);

        var jobId = await host.EnqueueAsync(FlakyJobHandler.NonIdempotentKind, payload: new FlakyPayload(Failures: 1));

        var job = await host.WaitForStateAsync(jobId, JobState.Failed);
        Assert.Equal(1, job.Attempt);
        Assert.Equal(1, job.MaxAttempts);
        Assert.Equal("Planned failure of attempt 1.", job.Error);
        Assert.Null(job.NotBefore);

        // A later job runs to the end, so the failed one had every chance to be retried and was not.
        var later = await host.EnqueueAsync(QuickJobHandler.Kind);
        await host.WaitForStateAsync(later, JobState.Succeeded);
        Assert.Equal(1, host.Probe.RunCount(jobId));
        Assert.Equal(JobState.Failed, (await host.GetJobAsync(jobId)).State);

        var audit = await host.GetAuditAsync(jobId);
        Assert.Equal(["job.enqueue", "job.failed"], audit.Select(a => a.Action));
        Assert.Contains("Planned failure", audit[1].DetailsJson, StringComparison.Ordinal);
    }
}
