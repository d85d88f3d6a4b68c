using System.Collections.Concurrent;
using Portal.Data.Entities;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Tests.Infrastructure;
using Portal.Provisioning.Tests.Jobs.Handlers;
using Xunit.Abstractions;

namespace Portal.Provisioning.Tests.Jobs;

public sealed class JobUpdatesNotifierTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Subscribe_JobRuns_DeliversEveryEventInOrderUntilDisposed()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output);
        var updates = new ConcurrentQueue<JobUpdate>();
        var subscription = host.Notifier.Subscribe(null, update =>
        {
            updates.Enqueue(update);
            return Task.CompletedTask;
        });

        var first = await host.EnqueueAsync(QuickJobHandler.Kind);
        await Eventually.UntilAsync(() => updates.Any(u => u.JobId == first && u.State == JobState.Succeeded), "the Succeeded update");

        var stored = await host.GetEventsAsync(first);
        var delivered = updates.Where(u => u.JobId == first).ToList();
        Assert.Equal(stored.Select(e => (e.Sequence, e.Message)), delivered.Select(u => (u.Event!.Sequence, u.Event.Message)));
        Assert.Equal(JobState.Queued, delivered[0].State);
        Assert.Equal(JobState.Succeeded, delivered[^1].State);

        subscription.Dispose();
        Assert.Equal(0, host.Notifier.SubscriberCount);
        var second = await host.EnqueueAsync(QuickJobHandler.Kind);
        await host.WaitForStateAsync(second, JobState.Succeeded);
        Assert.DoesNotContain(updates, u => u.JobId == second);
    }

    [Fact]
    public async Task Subscribe_ToOneJobWhileAnotherSubscriberThrows_GetsOnlyThatJobAndTheJobStillSucceeds()
    {
        using var directory = new TempDataDirectory();
        await using var host = await TestJobHost.StartAsync(directory, output);
        var gated = await host.EnqueueAsync(GatedJobHandler.Kind);
        var updates = new ConcurrentQueue<JobUpdate>();
        using var failing = host.Notifier.Subscribe(null, _ => throw new InvalidOperationException("a broken live view"));
        using var failingAsync = host.Notifier.Subscribe(null, async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("a broken async live view");
        });
        using var subscription = host.Notifier.Subscribe(gated, update =>
        {
            updates.Enqueue(update);
            return Task.CompletedTask;
        });

        var other = await host.EnqueueAsync(QuickJobHandler.Kind);
        await host.WaitForStateAsync(other, JobState.Succeeded);
        host.Probe.Open(gated);
        await host.WaitForStateAsync(gated, JobState.Succeeded);
        await Eventually.UntilAsync(() => updates.Any(u => u.State == JobState.Succeeded), "the gated job's Succeeded update");

        Assert.All(updates, u => Assert.Equal(gated, u.JobId));
        Assert.Contains(updates, u => u.Event?.Message == "Through the gate.");
    }
}
