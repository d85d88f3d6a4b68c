using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Tests.Infrastructure;
using Portal.Provisioning.Tests.Jobs.Handlers;
using Xunit.Abstractions;

namespace Portal.Provisioning.Tests.Jobs;

public sealed class JobCancellationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CancelAsync_QueuedJob_IsCancelledAtOnceAndNeverRuns()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output);
        var dev = await host.CreateEnvironmentAsync("dev-1");
        var blocker = await host.EnqueueAsync(GatedJobHandler.Kind, dev);
        await Eventually.UntilAsync(() => host.Probe.HasStarted(blocker), "the blocking job to start");
        var queued = await host.EnqueueAsync(QuickJobHandler.Kind, dev);
        var after = await host.EnqueueAsync(QuickJobHandler.Kind, dev);

        var outcome = await host.Queue.CancelAsync(queued, "bob", "10.0.0.7");

        Assert.Equal(CancelOutcome.Cancelled, outcome);
        var cancelled = await host.GetJobAsync(queued);
        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Equal("bob", cancelled.CancelRequestedBy);
        Assert.NotNull(cancelled.FinishedAt);

        // The line moves past the cancelled job: the job behind it runs, the cancelled one never does.
        host.Probe.Open(blocker);
        await host.WaitForStateAsync(after, JobState.Succeeded);
        Assert.False(host.Probe.HasStarted(queued));
        Assert.Equal(JobState.Cancelled, (await host.GetJobAsync(queued)).State);
        Assert.Equal(0, (await host.GetJobAsync(queued)).Attempt);

        var audit = await host.GetAuditAsync(queued);
        Assert.Equal(["job.enqueue", "job.cancel"], audit.Select(a => a.Action));
        Assert.Equal(("bob", "cancelled", "10.0.0.7"), (audit[1].Actor, audit[1].Outcome, audit[1].RemoteAddress));
        Assert.Equal(CancelOutcome.AlreadyFinished, await host.Queue.CancelAsync(queued, "bob"));
        Assert.Equal(CancelOutcome.NotFound, await host.Queue.CancelAsync(424242, "bob"));
        Assert.True((await host.Verifier.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task CancelAsync_RunningJobThatHonoursCancellation_StopsCooperativelyAsCancelled()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output);
        var jobId = await host.EnqueueAsync(GatedJobHandler.Kind);
        await Eventually.UntilAsync(() => host.Probe.HasStarted(jobId), "the job to start");

        Assert.Equal(CancelOutcome.CancelRequested, await host.Queue.CancelAsync(jobId, "bob"));

        var job = await host.WaitForStateAsync(jobId, JobState.Cancelled);
        Assert.Equal("bob", job.CancelRequestedBy);
        Assert.False(job.CancelForced);
        var events = await host.GetEventsAsync(jobId);
        Assert.DoesNotContain(events, e => e.Message.StartsWith("Through the gate", StringComparison.Ordinal));
        Assert.StartsWith("Cancellation requested by bob", events[^2].Message, StringComparison.Ordinal);
        Assert.Equal("Cancelled: the running step stopped.", events[^1].Message);
        Assert.Equal(["job.enqueue", "job.cancel", "job.cancelled"], (await host.GetAuditAsync(jobId)).Select(a => a.Action));
        Assert.True((await host.Verifier.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task CancelAsync_SecondCancelOnJobIgnoringCancellation_ForcesItToCancelled()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output);
        var jobId = await host.EnqueueAsync(StubbornJobHandler.Kind);
        await Eventually.UntilAsync(() => host.Probe.HasStarted(jobId), "the job to start");

        Assert.Equal(CancelOutcome.CancelRequested, await host.Queue.CancelAsync(jobId, "bob"));
        var running = host.Services.GetRequiredService<RunningJobs>();
        Assert.True(running.TryGet(jobId, out var runningJob));
        Assert.True(runningJob.CancellationToken.IsCancellationRequested, "the cooperative token fired");
        Assert.Equal(JobState.Running, (await host.GetJobAsync(jobId)).State);

        Assert.Equal(CancelOutcome.ForceRequested, await host.Queue.CancelAsync(jobId, "carol"));

        var job = await host.WaitForStateAsync(jobId, JobState.Cancelled);
        Assert.True(job.CancelForced);
        Assert.Contains("forced", job.Error, StringComparison.Ordinal);
        Assert.Equal(["job.enqueue", "job.cancel", "job.cancel.force", "job.cancelled"], (await host.GetAuditAsync(jobId)).Select(a => a.Action));
        Assert.Equal("carol", (await host.GetAuditAsync(jobId))[2].Actor);
        Assert.True((await host.Verifier.VerifyAsync()).IsValid);

        // The worker is free again although the abandoned step never returned.
        var next = await host.EnqueueAsync(QuickJobHandler.Kind);
        await host.WaitForStateAsync(next, JobState.Succeeded);
    }
}
