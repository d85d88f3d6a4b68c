using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary><c>aws:s3:Bucket</c> / <c>aws:s3:BucketV2</c>: bucket name (auto-named when not given), ARN, domain names.</summary>
public sealed class S3Provider : SandboxProviderBase
{
    private static readonly IReadOnlySet<string> s_replace = new HashSet<string> { "bucket", "bucketPrefix" };

    public override bool CanHandle(string type) => type is "aws:s3:Bucket" or "aws:s3:BucketV2" or "aws:s3/bucket:Bucket" or "aws:s3/bucketV2:BucketV2";

    public override IReadOnlySet<string> ReplaceProperties(string type) => s_replace;

    protected override string NewId(SandboxResourceRequest request) =>
        GetString(request.Inputs, "bucket") ?? (GetString(request.Inputs, "bucketPrefix") ?? request.Name + "-").ToLowerInvariant() + RandomHex(7);

    protected override Task ComputeOutputsAsync(SandboxResourceRequest request, string id, JsonObject outputs, CancellationToken cancellationToken)
    {
        var region = Region(request);
        outputs["bucket"] = id;
        outputs["arn"] = $"arn:aws:s3:::{id}";
        outputs["bucketDomainName"] = $"{id}.s3.amazonaws.com";
        outputs["bucketRegionalDomainName"] = $"{id}.s3.{region}.amazonaws.com";
        outputs["region"] = region;
        outputs["hostedZoneId"] = "Z3AQBSTGFYJSTF";
        return Task.CompletedTask;
    }
}
