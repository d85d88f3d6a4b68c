using Portal.Data.Entities;
using Portal.Provisioning.Tests.Infrastructure;
using Portal.Provisioning.Tests.Jobs.Handlers;
using Xunit.Abstractions;

namespace Portal.Provisioning.Tests.Jobs;

public sealed class JobOrderingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Worker_SeveralJobsOfOneEnvironment_RunsOneAtATimeInFifoOrderWhileAnotherEnvironmentRuns()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output);
        var dev = await host.CreateEnvironmentAsync("dev-1");
        var staging = await host.CreateEnvironmentAsync("staging-1");

        long[] devJobs = [
            await host.EnqueueAsync(GatedJobHandler.Kind, dev),
            await host.EnqueueAsync(GatedJobHandler.Kind, dev),
            await host.EnqueueAsync(GatedJobHandler.Kind, dev),
            await host.EnqueueAsync(GatedJobHandler.Kind, dev),
        ];
        var stagingJob = await host.EnqueueAsync(GatedJobHandler.Kind, staging);

        // The other environment's job runs in parallel with the first dev job.
        await Eventually.UntilAsync(() => host.Probe.HasStarted(devJobs[0]) && host.Probe.HasStarted(stagingJob), "dev's first job and staging's job to run together");

        for (var i = 0; i < devJobs.Length; i++)
        {
            await Eventually.UntilAsync(() => host.Probe.HasStarted(devJobs[i]), $"dev job #{i + 1} to start");
            foreach (var waiting in devJobs.Skip(i + 1))
            {
                Assert.Equal(JobState.Queued, (await host.GetJobAsync(waiting)).State);
                Assert.False(host.Probe.HasStarted(waiting), $"job {waiting} started before job {devJobs[i]} finished");
            }

            host.Probe.Open(devJobs[i]);
            await host.WaitForStateAsync(devJobs[i], JobState.Succeeded);
        }

        host.Probe.Open(stagingJob);
        await host.WaitForStateAsync(stagingJob, JobState.Succeeded);

        Assert.Equal(devJobs, host.Probe.StartedOrder.Where(devJobs.Contains));
        Assert.Equal(1, host.Probe.MaxRunningAtOnceIn(dev));
        Assert.True(host.Probe.MaxRunningAtOnce >= 2, "jobs of different environments ran in parallel");
    }

    [Fact]
    public async Task GetQueuePositionAsync_JobsWaitingBehindARunningJob_ReportsTheirPlaceInLine()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output);
        var dev = await host.CreateEnvironmentAsync("dev-1");
        var other = await host.CreateEnvironmentAsync("dev-2");

        var running = await host.EnqueueAsync(GatedJobHandler.Kind, dev);
        await Eventually.UntilAsync(() => host.Probe.HasStarted(running), "the first job to start");
        var second = await host.EnqueueAsync(GatedJobHandler.Kind, dev);
        var third = await host.EnqueueAsync(GatedJobHandler.Kind, dev);
        var otherRunning = await host.EnqueueAsync(GatedJobHandler.Kind, other);
        var otherQueued = await host.EnqueueAsync(GatedJobHandler.Kind, other);
        await Eventually.UntilAsync(() => host.Probe.HasStarted(otherRunning), "the other environment's job to start");

        Assert.Null(await host.Jobs.GetQueuePositionAsync(running));
        Assert.Equal(1, await host.Jobs.GetQueuePositionAsync(second));
        Assert.Equal(2, await host.Jobs.GetQueuePositionAsync(third));
        Assert.Equal(1, await host.Jobs.GetQueuePositionAsync(otherQueued));
        Assert.Null(await host.Jobs.GetQueuePositionAsync(424242));

        host.Probe.Open(running);
        await Eventually.UntilAsync(() => host.Probe.HasStarted(second), "the second job to start");
        Assert.Null(await host.Jobs.GetQueuePositionAsync(second));
        Assert.Equal(1, await host.Jobs.GetQueuePositionAsync(third));
    }
}
