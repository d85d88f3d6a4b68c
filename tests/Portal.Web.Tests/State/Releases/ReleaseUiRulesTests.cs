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
    public void ResolveAll_ReplacesParameterReferencesWithTheEnvironmentsValues()
    {
        var template = new EnvironmentTemplate("eks", "EKS", "", "/tmp", "eks", [], [], "kubeconfig", [],
            [new TemplateWorkload("web", "${appNamespace}", "${appName}-web", "web", WorkloadReleaseStrategy.PulumiConfig, "appImage")]);
        var environment = new EnvironmentRecord
        {
            Name = "dev-1", TemplateName = "eks", StackName = "dev-1", CreatedBy = "test",
            ParametersJson = new JsonObject { ["appNamespace"] = "shop", ["appName"] = "front" }.ToJsonString(),
        };

        var target = Assert.Single(WorkloadTarget.ResolveAll(template, environment));

        Assert.Equal(("shop", "front-web", "pulumi-config"), (target.Namespace, target.Deployment, target.StrategyName));
        Assert.Contains("appImage", target.StrategyDescription, StringComparison.Ordinal);
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
}
