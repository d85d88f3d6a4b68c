using Portal.Data.Entities;
using Portal.Provisioning.Pulumi;
using Portal.Web.State;

namespace Portal.Web.Tests.State;

public sealed class JobProgressEventsTests
{
    [Fact]
    public void ReadStackProgress_ResourceEvent_ReturnsTypedProgress()
    {
        var e = Progress("""{"kind":"resource","phase":"completed","operation":"create","urn":"urn:pulumi:s::p::aws:ec2/vpc:Vpc::vpc","type":"aws:ec2/vpc:Vpc","name":"vpc","isPreview":false,"changedKeys":[],"replaceKeys":[],"sequence":3,"timestamp":"2026-01-01T00:00:00+00:00"}""");

        var progress = Assert.IsType<ResourceProgress>(JobProgressEvents.ReadStackProgress(e));

        Assert.Equal(ResourceEventPhase.Completed, progress.Phase);
        Assert.Equal("vpc", progress.Name);
        Assert.Null(JobProgressEvents.ReadDrainProgress(e));
    }

    [Fact]
    public void ReadDrainProgress_LoadBalancerEvent_ReturnsPhaseAndRemaining()
    {
        var e = Progress("""{"kind":"loadBalancers","phase":"waiting","remaining":["Service apps/web (k8s-apps-web-1.elb.us-east-1.amazonaws.com)"],"elapsedSeconds":2.5}""");

        var drain = JobProgressEvents.ReadDrainProgress(e);

        Assert.NotNull(drain);
        Assert.Equal("waiting", drain.Phase);
        Assert.Single(drain.Remaining);
        Assert.Null(JobProgressEvents.ReadStackProgress(e));
    }

    [Theory]
    [InlineData("""{"kind":"output","line":"x","isStandardError":false,"sequence":-1,"timestamp":"2026-01-01T00:00:00+00:00"}""")]
    [InlineData("""{"state":"Running"}""")]
    [InlineData("not json")]
    public void Read_OtherOrBrokenData_ReturnsNull(string json)
    {
        var e = Progress(json);

        Assert.Null(JobProgressEvents.ReadStackProgress(e));
        Assert.Null(JobProgressEvents.ReadDrainProgress(e));
    }

    private static JobEvent Progress(string json) =>
        new() { Kind = JobEventKind.Progress, Message = "m", DataJson = json, Sequence = 1, Time = DateTimeOffset.UnixEpoch };
}
