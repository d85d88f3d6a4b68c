using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Tests.Pulumi;

public sealed class StackProgressTrackerTests
{
    private static readonly DateTimeOffset s_t0 = DateTimeOffset.FromUnixTimeSeconds(1_767_607_200);

    [Fact]
    public void Apply_StartedCompletedAndFailedSteps_TracksStatePerResourceAndCounts()
    {
        var tracker = new StackProgressTracker();

        tracker.Apply(Resource(1, ResourceEventPhase.Started, "create", "vpc"));
        tracker.Apply(Resource(2, ResourceEventPhase.Started, "create", "subnet"));
        tracker.Apply(Resource(3, ResourceEventPhase.Completed, "create", "vpc"));
        tracker.Apply(new DiagnosticProgress(4, s_t0, "error", "error: boom\n", Urn("subnet")));
        tracker.Apply(Resource(5, ResourceEventPhase.Failed, "create", "subnet"));
        tracker.Apply(Resource(6, ResourceEventPhase.Started, "create", "nat"));
        var running = tracker.Snapshot();
        tracker.Apply(new SummaryProgress(7, s_t0, new Dictionary<string, int> { ["create"] = 1 }, 3, false, "failed"));
        var done = tracker.Snapshot();

        Assert.Equal(["vpc", "subnet", "nat"], running.Resources.Select(r => r.Name));
        Assert.Equal(ResourceStepState.Done, running.Resources[0].State);
        Assert.Equal(s_t0.AddSeconds(3), running.Resources[0].FinishedAt);
        Assert.Equal(ResourceStepState.Failed, running.Resources[1].State);
        Assert.Equal("error: boom", running.Resources[1].Error);
        Assert.Equal(1, running.Running);
        Assert.Equal(1, running.Failed);
        Assert.Equal(new Dictionary<string, int> { ["create"] = 1 }, running.CompletedOperations);
        Assert.Null(running.Summary);
        Assert.Equal("failed", done.Summary!.Result);
        Assert.Equal(["error: boom"], done.Errors);
    }

    [Fact]
    public async Task Handler_Chained_FeedsTrackerAndForwards()
    {
        var tracker = new StackProgressTracker();
        var forwarded = 0;

        await tracker.Handler((_, _) => { forwarded++; return ValueTask.CompletedTask; })(Resource(1, ResourceEventPhase.Started, "update", "web"), CancellationToken.None);

        Assert.Equal(1, forwarded);
        Assert.Equal("update", Assert.Single(tracker.Snapshot().Resources).Operation);
    }

    private static string Urn(string name) => $"urn:pulumi:dev::demo::aws:ec2:Thing::{name}";

    private static ResourceProgress Resource(int sequence, ResourceEventPhase phase, string op, string name) =>
        new(sequence, s_t0.AddSeconds(sequence), phase, op, Urn(name), "aws:ec2:Thing", name, false, [], []);
}
