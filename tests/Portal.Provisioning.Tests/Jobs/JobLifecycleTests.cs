using Portal.Data.Entities;
using Portal.Provisioning.Tests.Infrastructure;
using Portal.Provisioning.Tests.Jobs.Handlers;
using Xunit.Abstractions;

namespace Portal.Provisioning.Tests.Jobs;

public sealed class JobLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EnqueueAsync_QuickJob_SucceedsWithEventsInOrderAndChainedAudit()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output);

        var jobId = await host.EnqueueAsync(QuickJobHandler.Kind);
        var job = await host.WaitForStateAsync(jobId, JobState.Succeeded);

        Assert.Equal(1, job.Attempt);
        Assert.NotNull(job.StartedAt);
        Assert.NotNull(job.FinishedAt);
        Assert.Null(job.LeaseOwner);
        Assert.Contains("42", job.ResultJson, StringComparison.Ordinal);
        Assert.Equal(1, host.Probe.RunCount(jobId));

        var events = await host.GetEventsAsync(jobId);
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Sequence));
        Assert.Equal(
            [(JobEventKind.State, "Queued"), (JobEventKind.State, "Started"), (JobEventKind.Log, "Hello"), (JobEventKind.Progress, "Halfway"), (JobEventKind.State, "Succeeded")],
            events.Select(e => (e.Kind, e.Message.Split(' ', '.')[0])));
        Assert.True(events.Zip(events.Skip(1)).All(pair => pair.First.Time <= pair.Second.Time), "event times go forward");

        var audit = await host.GetAuditAsync(jobId);
        Assert.Equal(["job.enqueue", "job.succeeded"], audit.Select(a => a.Action));
        Assert.Equal("alice", audit[0].Actor);
        Assert.Equal("requested", audit[0].Outcome);
        Assert.Equal("system", audit[1].Actor);

        var verification = await host.Verifier.VerifyAsync();
        Assert.True(verification.IsValid, verification.Problem);
        Assert.Equal(2, verification.EntriesChecked);
    }
}
