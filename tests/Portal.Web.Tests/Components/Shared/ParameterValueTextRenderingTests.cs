using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Releases;
using Portal.Provisioning.Templates;
using Portal.Web.Components.Pages.Environments;
using Portal.Web.Components.Pages.Environments.Releases;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components.Shared;

/// <summary>A parameter without a value reads "(unset)" with its explanation wherever values are shown: the settings
/// preview (and the approval page, which shows a plan through it), the release compare view and the parameters table.</summary>
public sealed class ParameterValueTextRenderingTests
{
    private static readonly EnvironmentTemplate s_template = new(
        "eks", "EKS", "", "/tmp", "eks",
        [
            Parameter("kubernetesVersion", "Kubernetes version", TemplateParameterType.Select, "1.31"),
            Parameter("note", "Note", TemplateParameterType.String, null),
            Parameter("appReplicas", "Application replicas", TemplateParameterType.Integer, "2"),
        ],
        [EnvironmentClass.Development], null, [], []);

    [Fact]
    public async Task ParameterValueText_NullEmptyAndText_AreThreeDifferentThings()
    {
        var unset = await StaticComponentRenderer.RenderAsync<ParameterValueText>(new() { ["Value"] = null, ["Default"] = "info" });
        var unsetNoDefault = await StaticComponentRenderer.RenderAsync<ParameterValueText>(new() { ["Value"] = null });
        var empty = await StaticComponentRenderer.RenderAsync<ParameterValueText>(new() { ["Value"] = "" });
        var text = await StaticComponentRenderer.RenderAsync<ParameterValueText>(new() { ["Value"] = "debug", ["Default"] = "info" });

        Assert.Contains("class=\"param-unset\"", unset, StringComparison.Ordinal);
        Assert.Contains(">(unset)</span>", unset, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Not set: its config key is removed, so the template&#x27;s default applies (info).\"", unset, StringComparison.Ordinal);
        Assert.Contains("title=\"Not set: its config key is removed, so the template&#x27;s default applies (info).\"", unset, StringComparison.Ordinal);
        Assert.Contains("the template has no default for it", unsetNoDefault, StringComparison.Ordinal);
        Assert.Contains("class=\"param-empty\"", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("(unset)", empty, StringComparison.Ordinal);
        Assert.Equal("debug", text);
    }

    [Fact]
    public async Task PreviewResultView_ClearedParameter_GoesToUnsetNamingTheTemplateDefault()
    {
        var result = new PreviewJobResult(
            [new ParameterChange("kubernetesVersion", "Kubernetes version", "1.30", null, Secret: false), new ParameterChange("note", "Note", null, "hello", Secret: false)],
            new Dictionary<string, int> { ["update"] = 1 }, [], HasChanges: true);

        var html = await StaticComponentRenderer.RenderAsync<PreviewResultView>(new() { ["Result"] = result, ["Template"] = s_template });

        var version = Row(html, "data-name=\"kubernetesVersion\"");
        Assert.Contains("<td class=\"mono before\">1.30</td>", version, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"param-unset\"", version, StringComparison.Ordinal);
        Assert.Contains("default applies (1.31)", version, StringComparison.Ordinal);
        var note = Row(html, "data-name=\"note\"");
        Assert.Contains("the template has no default for it", note, StringComparison.Ordinal);
        Assert.Contains("<td class=\"mono after\">hello</td>", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleaseDiffView_ParameterAbsentFromOneSnapshot_ShowsUnset_TheMissingImageADash()
    {
        var from = Release(1, null, """{"parameters":{"kubernetesVersion":"1.30","appReplicas":3},"secrets":{}}""");
        var to = Release(2, "nginx:1.28", """{"parameters":{"appReplicas":3},"secrets":{}}""");

        var html = await StaticComponentRenderer.RenderAsync<ReleaseDiffView>(new() { ["Diff"] = ReleaseDiffer.Compare(from, to), ["Template"] = s_template });

        var image = System.Net.WebUtility.HtmlDecode(Row(html, "data-key=\"image\""));
        Assert.Contains(">—</td>", image, StringComparison.Ordinal);
        Assert.DoesNotContain("(unset)", image, StringComparison.Ordinal);
        var version = Row(html, "data-key=\"kubernetesVersion\"");
        Assert.Contains("data-changed=\"true\"", version, StringComparison.Ordinal);
        Assert.Contains("<td class=\"mono before\">1.30</td>", version, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"param-unset\"", version, StringComparison.Ordinal);
        Assert.Contains("default applies (1.31)", version, StringComparison.Ordinal);
        Assert.DoesNotContain("—", System.Net.WebUtility.HtmlDecode(version), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvironmentParametersView_StoredWithoutValue_RowIsMarkedUnset()
    {
        var environment = new EnvironmentRecord
        {
            Name = "dev-1", TemplateName = "eks", StackName = "dev-1", CreatedBy = "test",
            ParametersJson = new JsonObject { ["kubernetesVersion"] = null, ["appReplicas"] = 3 }.ToJsonString(),
        };

        var html = await StaticComponentRenderer.RenderAsync<EnvironmentParametersView>(new() { ["Environment"] = environment, ["Template"] = s_template });

        var version = Row(html, "data-name=\"kubernetesVersion\"");
        Assert.Contains("data-unset=\"true\"", version, StringComparison.Ordinal);
        Assert.Contains("default applies (1.31)", version, StringComparison.Ordinal);
        Assert.Contains("data-unset=\"true\"", Row(html, "data-name=\"note\""), StringComparison.Ordinal);
        var replicas = Row(html, "data-name=\"appReplicas\"");
        Assert.Contains("data-unset=\"false\"", replicas, StringComparison.Ordinal);
        Assert.Contains(">3</td>", replicas, StringComparison.Ordinal);
    }

    // The <tr> that carries the attribute, up to its end.
    private static string Row(string html, string attribute)
    {
        var at = html.IndexOf(attribute, StringComparison.Ordinal);
        Assert.True(at >= 0, $"No row with {attribute} in:\n{html}");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        return html[start..(html.IndexOf("</tr>", at, StringComparison.Ordinal) + 5)];
    }

    private static ReleaseSummary Release(long id, string? image, string configJson) =>
        new(id, "dev-1", "web", ReleaseKind.Release, "patch", null, image, null, ReleaseStatus.Succeeded, null, "ann",
            DateTimeOffset.UnixEpoch.AddDays(id), null, null, id, configJson);

    private static TemplateParameter Parameter(string name, string label, TemplateParameterType type, string? defaultValue) =>
        new(name, label, null, type, defaultValue, false, false, name, false, null, null, null, null, null, null,
            type == TemplateParameterType.Select ? ["1.29", "1.30", "1.31"] : [], false);
}
