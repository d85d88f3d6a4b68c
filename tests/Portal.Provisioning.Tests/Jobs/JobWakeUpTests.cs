using Portal.Data.Entities;
using Portal.Provisioning.Tests.Infrastructure;
using Portal.Provisioning.Tests.Jobs.Handlers;
using Xunit.Abstractions;

namespace Portal.Provisioning.Tests.Jobs;

public sealed class JobWakeUpTests(ITestOutputHelper output)
{
    // The poll is a minute; a job that starts well within the bound was woken, not polled for. A generous bound:
    // this checks correctness (a missed wake-up waits the full minute), it is not a latency benchmark.
    private static readonly TimeSpan s_wakeBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task EnqueueAsync_IdleWorkersWithSlowPoll_StartsJobsWithoutWaitingForThePoll()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output, settings =>
        {
            settings["Jobs:PollInterval"] = "00:01:00";
            settings["Jobs:WorkerCount"] = "2";
        });

        // Several rounds, each enqueued while every worker sleeps on the signal.
        for (var round = 0; round < 3; round++)
        {
            var jobId = await host.EnqueueAsync(QuickJobHandler.Kind);
            await host.WaitForStateAsync(jobId, JobState.Succeeded, s_wakeBound);
        }
    }

    [Fact]
    public async Task FinishingJob_NextJobOfSameEnvironmentQueued_StartsWithoutWaitingForThePoll()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output, settings => settings["Jobs:PollInterval"] = "00:01:00");
        var environmentId = await host.CreateEnvironmentAsync("dev-1");

        var first = await host.EnqueueAsync(GatedJobHandler.Kind, environmentId);
        var second = await host.EnqueueAsync(QuickJobHandler.Kind, environmentId);
        await Eventually.UntilAsync(() => host.Probe.HasStarted(first), "the first job to start");

        // The second job's enqueue wake-up was spent on an empty claim; only the first job's finish can wake a worker now.
        host.Probe.Open(first);
        await host.WaitForStateAsync(second, JobState.Succeeded, s_wakeBound);
    }
}
