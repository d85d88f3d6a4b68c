using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary><c>aws:iam:*</c> (Role, Policy, RolePolicyAttachment, OpenIdConnectProvider, InstanceProfile, User, …).</summary>
public sealed class IamProvider : SandboxProviderBase
{
    private static readonly IReadOnlySet<string> s_replaceByName = new HashSet<string> { "name", "path" };

    public override bool CanHandle(string type) => type.StartsWith("aws:iam:", StringComparison.Ordinal) || type.StartsWith("aws:iam/", StringComparison.Ordinal);

    public override IReadOnlySet<string> ReplaceProperties(string type) =>
        Kind(type) is "RolePolicyAttachment" ? new HashSet<string> { "role", "policyArn" } : s_replaceByName;

    protected override string NewId(SandboxResourceRequest request) => Kind(request.Type) switch
    {
        "RolePolicyAttachment" => $"{GetString(request.Inputs, "role") ?? request.Name}-{RandomHex(20)}",
        "OpenIdConnectProvider" => $"arn:aws:iam::{AccountId}:oidc-provider/{(GetString(request.Inputs, "url") ?? "oidc.example.com").Replace("https://", "", StringComparison.Ordinal)}",
        _ => GetString(request.Inputs, "name") ?? AutoName(request),
    };

    protected override Task ComputeOutputsAsync(SandboxResourceRequest request, string id, JsonObject outputs, CancellationToken cancellationToken)
    {
        switch (Kind(request.Type))
        {
            case "Role" or "User" or "InstanceProfile" or "Group":
                outputs["name"] = id;
                outputs["arn"] = $"arn:aws:iam::{AccountId}:{Kind(request.Type).ToLowerInvariant().Replace("instanceprofile", "instance-profile", StringComparison.Ordinal)}/{id}";
                outputs["uniqueId"] = "AROA" + RandomHex(17).ToUpperInvariant();
                outputs["createDate"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
                break;
            case "Policy":
                outputs["name"] = id;
                outputs["arn"] = $"arn:aws:iam::{AccountId}:policy/{id}";
                outputs["policyId"] = "ANPA" + RandomHex(17).ToUpperInvariant();
                break;
            case "OpenIdConnectProvider":
                outputs["arn"] = id;
                break;
            default:
                outputs["arn"] ??= $"arn:aws:iam::{AccountId}:{Kind(request.Type).ToLowerInvariant()}/{id}";
                break;
        }

        return Task.CompletedTask;
    }

    private static string Kind(string type) => type[(type.LastIndexOf(':') + 1)..];
}
