using Portal.Provisioning.Environments;
using Portal.Provisioning.Pulumi;
using Portal.Web.Components.Pages.Environments;

namespace Portal.Web.Tests.Components.Pages.Environments;

/// <summary>The drift and settings-preview panels rendered to HTML: what a person reads in them.</summary>
public sealed class DriftAndPreviewRenderingTests
{
    private const string Web = "urn:pulumi:dev::eks-environment::kubernetes:apps/v1:Deployment::web";
    private const string Vpc = "urn:pulumi:dev::eks-environment::awsx:ec2:Vpc::vpc";

    [Fact]
    public async Task DriftResultView_ResourceDeletedOutsidePulumi_IsNamedAsSuchNextToTheChangedOnes()
    {
        var result = new DriftCheckResult(
            true,
            new Dictionary<string, int> { ["update"] = 1, ["delete"] = 1, ["same"] = 20 },
            [new PreviewStep("update", Vpc, "awsx:ec2:Vpc", ["tags"], []), new PreviewStep("delete", Web, "kubernetes:apps/v1:Deployment", [], [])]);

        var html = await StaticComponentRenderer.RenderAsync<DriftResultView>(new Dictionary<string, object?> { ["Result"] = result });

        Assert.Contains("1 resource(s) changed and 1 deleted outside Pulumi.", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"deleted-resource\" data-urn=\"{Web}\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"op op-drift\">deleted outside Pulumi</span>", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"drifted-resource\" data-urn=\"{Vpc}\"", html, StringComparison.Ordinal);
        Assert.Equal([new DeletedResource(Web, "kubernetes:apps/v1:Deployment", "web")], result.DeletedResources);
    }

    [Fact]
    public async Task PreviewResultView_ClearedParameter_GoesFromItsValueToUnset()
    {
        var result = new PreviewJobResult(
            [new ParameterChange("appReplicas", "Replicas", "3", null, Secret: false)],
            new Dictionary<string, int> { ["update"] = 1 },
            [new PreviewStep("update", Web, "kubernetes:apps/v1:Deployment", ["spec"], [])],
            HasChanges: true);

        var html = await StaticComponentRenderer.RenderAsync<PreviewResultView>(new Dictionary<string, object?> { ["Result"] = result });

        Assert.Contains("<td class=\"mono before\">3</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"mono after\"><span class=\"param-unset\"", html, StringComparison.Ordinal);
        Assert.Contains(">(unset)</span></td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewResultView_SettingChangeWithoutResourceChanges_SaysOnlyTheConfigurationChangesAndCanBeApplied()
    {
        // Clearing a value back to the default it already had: no resource moves, yet the stack's config still changes.
        var result = new PreviewJobResult(
            [new ParameterChange("kubernetesVersion", "Kubernetes version", "1.31", null, Secret: false)],
            new Dictionary<string, int> { ["same"] = 13 },
            [],
            HasChanges: false);

        var html = await StaticComponentRenderer.RenderAsync<PreviewResultView>(new Dictionary<string, object?> { ["Result"] = result });

        Assert.True(result.CanApply);
        Assert.Contains("only the stack&#x27;s configuration changes", html, StringComparison.Ordinal);
        Assert.DoesNotContain("the stack already matches these settings.", html, StringComparison.Ordinal);
        Assert.False((result with { ParameterChanges = [] }).CanApply);
    }
}
