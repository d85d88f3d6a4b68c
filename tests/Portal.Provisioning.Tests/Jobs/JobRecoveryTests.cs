using Portal.Data.Entities;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Tests.Infrastructure;
using Portal.Provisioning.Tests.Jobs.Handlers;
using Xunit.Abstractions;

namespace Portal.Provisioning.Tests.Jobs;

public sealed class JobRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StartAsync_JobLeftRunningByAnotherWorker_MarksItInterruptedAndNeverRunsIt()
    {
        using var directory = new TempDataDirectory();
        await (await TestJobHost.StartAsync(directory, output)).DisposeAsync();
        long orphan;
        await using (var db = directory.CreateDbContext())
        {
            // A lease still valid for an hour: at startup the lock on the data directory proves its owner is gone.
            orphan = await OrphanedJobs.InsertRunningAsync(db, QuickJobHandler.Kind, DateTimeOffset.UtcNow.AddHours(1));
        }

        await using var host = await TestJobHost.StartAsync(directory, output);

        var job = await host.WaitForStateAsync(orphan, JobState.Interrupted);
        Assert.Equal(JobRecovery.StartupReason, job.Error);
        Assert.Null(job.LeaseOwner);
        Assert.NotNull(job.FinishedAt);
        var stateEvent = Assert.Single(await host.GetEventsAsync(orphan));
        Assert.Equal((JobEventKind.State, JobEventLevel.Error, JobRecovery.StartupReason), (stateEvent.Kind, stateEvent.Level, stateEvent.Message));
        var audit = Assert.Single(await host.GetAuditAsync(orphan));
        Assert.Equal(("job.interrupted", "system", "interrupted"), (audit.Action, audit.Actor, audit.Outcome));
        Assert.Contains(OrphanedJobs.ForeignOwner, audit.DetailsJson, StringComparison.Ordinal);

        // The worker is claiming jobs, and the interrupted one is not among them.
        var later = await host.EnqueueAsync(QuickJobHandler.Kind);
        await host.WaitForStateAsync(later, JobState.Succeeded);
        Assert.False(host.Probe.HasStarted(orphan));
        Assert.Equal(1, (await host.GetJobAsync(orphan)).Attempt);
        Assert.True((await host.Verifier.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task StartAsync_SeveralJobsLeftRunning_InterruptsEachWithItsOwnAuditEntry()
    {
        using var directory = new TempDataDirectory();
        await (await TestJobHost.StartAsync(directory, output)).DisposeAsync();
        var orphans = new List<long>();
        await using (var db = directory.CreateDbContext())
        {
            for (var i = 0; i < 3; i++)
            {
                orphans.Add(await OrphanedJobs.InsertRunningAsync(db, QuickJobHandler.Kind, DateTimeOffset.UtcNow.AddHours(1)));
            }
        }

        await using var host = await TestJobHost.StartAsync(directory, output);

        foreach (var orphan in orphans)
        {
            await host.WaitForStateAsync(orphan, JobState.Interrupted);
            Assert.Equal(["job.interrupted"], (await host.GetAuditAsync(orphan)).Select(a => a.Action));
        }

        var verification = await host.Verifier.VerifyAsync();
        Assert.True(verification.IsValid, verification.Problem);
        Assert.Equal(3, verification.EntriesChecked);
    }

    [Fact]
    public async Task Sweep_RunningJobWithExpiredLease_MarksItInterruptedAndLeavesLiveLeasesAlone()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output);
        long expired;
        long live;
        await using (var db = await host.CreateDbContextAsync())
        {
            expired = await OrphanedJobs.InsertRunningAsync(db, QuickJobHandler.Kind, DateTimeOffset.UtcNow.AddSeconds(-1));
            live = await OrphanedJobs.InsertRunningAsync(db, QuickJobHandler.Kind, DateTimeOffset.UtcNow.AddHours(1), "other-replica/7/cafebabe");
        }

        var job = await host.WaitForStateAsync(expired, JobState.Interrupted);

        Assert.Equal(JobRecovery.LeaseReason, job.Error);
        Assert.Equal(["job.interrupted"], (await host.GetAuditAsync(expired)).Select(a => a.Action));
        Assert.Equal(JobState.Running, (await host.GetJobAsync(live)).State);
        Assert.False(host.Probe.HasStarted(expired));
        Assert.True((await host.Verifier.VerifyAsync()).IsValid);
    }

    [Theory]
    [InlineData(GatedJobHandler.Kind)]
    [InlineData(StubbornJobHandler.Kind)]
    public async Task StopAsync_HostShutsDownWhileJobRuns_RecordsJobAsInterrupted(string kind)
    {
        using var directory = new TempDataDirectory();
        var host = await TestJobHost.StartAsync(directory, output);
        long jobId;
        await using (host)
        {
            jobId = await host.EnqueueAsync(kind);
            await Eventually.UntilAsync(() => host.Probe.HasStarted(jobId), "the job to start");

            // A well-behaved step stops when asked; a stubborn one is abandoned after the grace period.
            await host.StopAsync();
        }

        await using var restarted = await TestJobHost.StartAsync(directory, output);
        var job = await restarted.GetJobAsync(jobId);
        Assert.Equal(JobState.Interrupted, job.State);
        Assert.Contains("shut down", job.Error, StringComparison.Ordinal);
        var events = await restarted.GetEventsAsync(jobId);
        Assert.Equal(JobEventKind.State, events[^1].Kind);
        Assert.Equal(job.Error, events[^1].Message);
        Assert.Equal(["job.enqueue", "job.interrupted"], (await restarted.GetAuditAsync(jobId)).Select(a => a.Action));
        Assert.True((await restarted.Verifier.VerifyAsync()).IsValid);
        Assert.False(restarted.Probe.HasStarted(jobId));
    }
}
