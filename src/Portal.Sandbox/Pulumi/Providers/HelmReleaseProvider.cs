using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>
/// <c>kubernetes:helm.sh/v3:Release</c> recorded, not rendered: there is no chart repository nor Helm engine here, so the
/// release takes the time a real install with its await takes (20 s at speed 1) and reports the <c>status</c> pulumi-kubernetes
/// reports (name, namespace, chart, version, revision, <c>deployed</c>), but creates no objects in the cluster. What the
/// charts programs install is played by the sandbox API server itself (its load balancer controller acts as the AWS Load
/// Balancer Controller), so the objects that depend on the release behave as on a real cluster.
/// </summary>
public sealed class HelmReleaseProvider : SandboxProviderBase
{
    public const string ReleaseType = "kubernetes:helm.sh/v3:Release";

    private static readonly IReadOnlySet<string> s_replace = new HashSet<string> { "name", "namespace" };

    public override bool CanHandle(string type) => type == ReleaseType;

    public override IReadOnlySet<string> ReplaceProperties(string type) => s_replace;

    protected override TimeSpan CreateDuration(string type) => TimeSpan.FromSeconds(20);

    // Helm release names are at most 53 characters; Pulumi auto-names like other resources.
    protected override string NewId(SandboxResourceRequest request) => GetString(request.Inputs, "name") ?? AutoName(request).ToLowerInvariant();

    protected override Task ComputeOutputsAsync(SandboxResourceRequest request, string id, JsonObject outputs, CancellationToken cancellationToken)
    {
        var ns = GetString(request.Inputs, "namespace") ?? "default";
        var revision = request.OldOutputs?["status"]?["revision"] is JsonValue previous && previous.TryGetValue<long>(out var last) ? last + 1 : 1;
        outputs["name"] = id;
        outputs["namespace"] = ns;
        outputs["status"] = new JsonObject
        {
            ["name"] = id,
            ["namespace"] = ns,
            ["chart"] = request.Inputs["chart"]?.DeepClone(),
            ["version"] = request.Inputs["version"]?.DeepClone(),
            ["revision"] = revision,
            ["status"] = "deployed",
        };
        return Task.CompletedTask;
    }
}
