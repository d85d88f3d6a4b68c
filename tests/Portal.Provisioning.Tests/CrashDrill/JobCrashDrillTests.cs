using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;
using Portal.Jobs.TestHost;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Tests.Infrastructure;
using Portal.Provisioning.Tests.Jobs.Handlers;
using Xunit.Abstractions;

namespace Portal.Provisioning.Tests.CrashDrill;

/// <summary>
/// The worker process dies with SIGKILL in the middle of a job. After a restart the job is Interrupted with the
/// reason, was not re-run, and nothing it had committed (events, audit entries) is lost; the audit chain holds.
/// </summary>
public sealed class JobCrashDrillTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_processTimeout = TimeSpan.FromSeconds(60);
    private const int EventsBeforeKill = 10;

    [Fact]
    public async Task RestartAfterSigkill_JobWasRunning_IsInterruptedNotRerunAndLosesNothingCommitted()
    {
        using var directory = new TempDataDirectory();

        long jobId;
        List<(int Sequence, string Message)> eventsBeforeCrash;
        List<(long Sequence, string Action, string Hash)> auditBeforeCrash;
        using (var worker = WorkerProcess.Start(directory.Path, enqueue: true))
        {
            jobId = long.Parse(await worker.WaitForLineAsync("RUNNING ", s_processTimeout), System.Globalization.CultureInfo.InvariantCulture);
            await Eventually.UntilAsync(() => CountEventsAsync(directory, jobId), count => count >= EventsBeforeKill,
                $"{EventsBeforeKill} committed events of job {jobId}", s_processTimeout);

            await worker.KillAsync();
            output.WriteLine($"Killed worker {worker.Id} in the middle of job {jobId}.");
        }

        await using (var db = directory.CreateDbContext())
        {
            var crashed = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Equal(JobState.Running, crashed.State);
            Assert.NotNull(crashed.LeaseOwner);
            var events = await db.JobEvents.AsNoTracking().Where(e => e.JobId == jobId).OrderBy(e => e.Sequence).ToListAsync();
            eventsBeforeCrash = [.. events.Select(e => (e.Sequence, e.Message))];
            var audit = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
            auditBeforeCrash = [.. audit.Select(a => (a.Sequence, a.Action, a.Hash))];
        }

        Assert.True(eventsBeforeCrash.Count >= EventsBeforeKill);
        Assert.Equal(["job.enqueue"], auditBeforeCrash.Select(a => a.Action));

        await using var restarted = await TestJobHost.StartAsync(directory, output);

        var job = await restarted.WaitForStateAsync(jobId, JobState.Interrupted);
        Assert.Equal(JobRecovery.StartupReason, job.Error);
        Assert.Equal(1, job.Attempt);

        // The worker is claiming again; a later job runs to the end while the interrupted one stays put.
        var later = await restarted.EnqueueAsync(QuickJobHandler.Kind);
        await restarted.WaitForStateAsync(later, JobState.Succeeded);

        var eventsAfter = await restarted.GetEventsAsync(jobId);
        Assert.Equal(eventsBeforeCrash, eventsAfter.Take(eventsBeforeCrash.Count).Select(e => (e.Sequence, e.Message)));
        var added = Assert.Single(eventsAfter.Skip(eventsBeforeCrash.Count));
        Assert.Equal((JobEventKind.State, JobRecovery.StartupReason), (added.Kind, added.Message));
        Assert.Single(eventsAfter, e => e.Message.StartsWith("Started", StringComparison.Ordinal));
        Assert.DoesNotContain(eventsAfter, e => e.Message == "Tick 0" && e.Sequence > eventsBeforeCrash.Count);

        await using (var db = await restarted.CreateDbContextAsync())
        {
            var auditAfter = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
            Assert.Equal(auditBeforeCrash, auditAfter.Take(auditBeforeCrash.Count).Select(a => (a.Sequence, a.Action, a.Hash)));
            Assert.Contains(auditAfter, a => a.Action == "job.interrupted" && a.Target == $"job/{jobId}");
        }

        var verification = await restarted.Verifier.VerifyAsync();
        Assert.True(verification.IsValid, verification.Problem);
        Assert.Equal(SlowTickerJobHandler.Kind, job.Kind);
    }

    private static async Task<int> CountEventsAsync(TempDataDirectory directory, long jobId)
    {
        await using var db = directory.CreateDbContext();
        return await db.JobEvents.CountAsync(e => e.JobId == jobId);
    }
}
