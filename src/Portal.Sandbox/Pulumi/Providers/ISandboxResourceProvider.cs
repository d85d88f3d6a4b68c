using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>One simulated provider family (aws ec2, eks, ecr, iam, s3, random, kubernetes). The engine hands it plain
/// values (secrets revealed) and re-marks as secret every output whose input was secret.</summary>
public interface ISandboxResourceProvider
{
    bool CanHandle(string type);

    /// <summary>Input properties whose change forces a replacement (create-replacement, then delete-replaced).</summary>
    IReadOnlySet<string> ReplaceProperties(string type);

    /// <summary>The outputs a preview can already tell (usually the inputs); missing ones read as unknown.</summary>
    JsonObject PreviewOutputs(SandboxResourceRequest request);

    Task<SandboxResourceResult> CreateAsync(SandboxResourceRequest request, CancellationToken cancellationToken);

    Task<SandboxResourceResult> UpdateAsync(SandboxResourceRequest request, CancellationToken cancellationToken);

    Task DeleteAsync(SandboxResourceRequest request, CancellationToken cancellationToken);

    /// <summary>For refresh: the current outputs, or null when the resource is gone.</summary>
    Task<SandboxResourceResult?> ReadAsync(SandboxResourceRequest request, CancellationToken cancellationToken);
}
