using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary><c>aws:ecr:Repository</c>: <c>repositoryUrl</c> <c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;name&gt;</c>.</summary>
public sealed class EcrProvider : SandboxProviderBase
{
    private static readonly IReadOnlySet<string> s_replace = new HashSet<string> { "name" };

    public override bool CanHandle(string type) => type is "aws:ecr:Repository" or "aws:ecr/repository:Repository";

    public override IReadOnlySet<string> ReplaceProperties(string type) => s_replace;

    protected override string NewId(SandboxResourceRequest request) => GetString(request.Inputs, "name") ?? AutoName(request).ToLowerInvariant();

    protected override Task ComputeOutputsAsync(SandboxResourceRequest request, string id, JsonObject outputs, CancellationToken cancellationToken)
    {
        var region = Region(request);
        outputs["name"] = id;
        outputs["arn"] = $"arn:aws:ecr:{region}:{AccountId}:repository/{id}";
        outputs["registryId"] = AccountId;
        outputs["repositoryUrl"] = $"{AccountId}.dkr.ecr.{region}.amazonaws.com/{id}";
        outputs["imageTagMutability"] ??= "MUTABLE";
        return Task.CompletedTask;
    }
}
