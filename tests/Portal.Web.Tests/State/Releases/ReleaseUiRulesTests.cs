using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Templates;
using Portal.Web.Components.Pages.Environments.Releases;
using Portal.Web.State.Releases;

namespace Portal.Web.Tests.State.Releases;

public sealed class ReleaseUiRulesTests
{
    [Fact]
    public void Of_ReplacesParameterReferencesWithTheEnvironmentsValues()
    {
        var template = new EnvironmentTemplate("eks", "EKS", "", "/tmp", "eks", [], [], "kubeconfig", [],
            [new TemplateWorkload("web", "${appNamespace}", "${appName}-web", "web", WorkloadReleaseStrategy.PulumiConfig, "appImage")]);
        var environment = new EnvironmentRecord
        {
            Name = "dev-1", TemplateName = "eks", StackName = "dev-1", CreatedBy = "test",
            ParametersJson = new JsonObject { ["appNamespace"] = "shop", ["appName"] = "front" }.ToJsonString(),
        };

        var target = Assert.Single(ReleaseTargets.Of(template, environment));

        Assert.Equal(("shop", "front-web", "pulumi-config"), (target.Namespace, target.Deployment, target.StrategyName));
        Assert.Contains("appImage", ReleaseTargets.DescribeStrategy(target), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReleaseStatus.Succeeded, "nginx:1.28")]
    [InlineData(ReleaseStatus.Failed, "nginx:1.27")]
    [InlineData(ReleaseStatus.RollingOut, null)]
    [InlineData(ReleaseStatus.Queued, null)]
    public void RollbackImage_FailedGoesBackToTheImageBefore_SucceededToItsOwn(ReleaseStatus status, string? expected)
    {
        var release = new ReleaseSummary(7, "dev-1", "web", ReleaseKind.Release, "patch", "nginx:1.27", "nginx:1.28", null, status, null, "ann",
            DateTimeOffset.UnixEpoch, null, null, 12, "{}");

        Assert.Equal(expected, ReleaseHistory.RollbackImage(release));
    }

    [Fact]
    public void RollbackImage_SkipsRestartsAndGoesBackBeforeTheNewestImageChange()
    {
        ReleaseSummary Release(long id, ReleaseKind kind, string before, string after) => new(id, "dev-1", "web", kind, "patch", before, after, null,
            ReleaseStatus.Succeeded, null, "ann", DateTimeOffset.UnixEpoch, null, null, id, "{}");

        Assert.Equal("nginx:1.28", ReleaseTargets.RollbackImage(
            [Release(4, ReleaseKind.Restart, "nginx:1.29", "nginx:1.29"), Release(3, ReleaseKind.Release, "nginx:1.28", "nginx:1.29"), Release(2, ReleaseKind.Release, "nginx:1.27", "nginx:1.28")], null));
        Assert.Null(ReleaseTargets.RollbackImage([Release(1, ReleaseKind.Restart, "nginx:1.27", "nginx:1.27")], "nginx:1.27"));
    }

    [Fact]
    public void RollbackImage_NewestReleaseNeverReachedTheDeployment_UndoesTheOneThatPutTheRunningImageInPlace()
    {
        ReleaseSummary Release(long id, ReleaseStatus status, string before, string after) => new(id, "dev-1", "web", ReleaseKind.Release, "patch", before, after, null,
            status, null, "ann", DateTimeOffset.UnixEpoch, null, null, id, "{}");
        ReleaseSummary[] history = [Release(3, ReleaseStatus.Failed, "nginx:1.28", "nginx:1.29"), Release(2, ReleaseStatus.Succeeded, "nginx:1.27", "nginx:1.28")];

        // The patch of #3 was refused, so 1.28 still runs: undo #2. Had #3 landed (a crash), 1.29 would run: undo #3.
        Assert.Equal("nginx:1.27", ReleaseTargets.RollbackImage(history, "nginx:1.28"));
        Assert.Equal("nginx:1.28", ReleaseTargets.RollbackImage(history, "nginx:1.29"));
        Assert.Equal("nginx:1.28", ReleaseTargets.RollbackImage(history, null));
    }
}
