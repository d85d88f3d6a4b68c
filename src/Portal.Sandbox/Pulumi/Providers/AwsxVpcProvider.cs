using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary><c>awsx:ec2:Vpc</c> (Pulumi's crosswalk VPC component, common in EKS programs) as one resource: a VPC with
/// a public and a private subnet per availability zone.</summary>
public sealed class AwsxVpcProvider : SandboxProviderBase
{
    private static readonly IReadOnlySet<string> s_replace = new HashSet<string> { "cidrBlock", "numberOfAvailabilityZones" };

    public override bool CanHandle(string type) => type is "awsx:ec2:Vpc" or "awsx:ec2/vpc:Vpc";

    public override IReadOnlySet<string> ReplaceProperties(string type) => s_replace;

    protected override TimeSpan CreateDuration(string type) => TimeSpan.FromSeconds(5);

    protected override string NewId(SandboxResourceRequest request) => $"vpc-0{RandomHex(16)}";

    protected override Task ComputeOutputsAsync(SandboxResourceRequest request, string id, JsonObject outputs, CancellationToken cancellationToken)
    {
        var region = Region(request);
        var zones = (int)(request.Inputs["numberOfAvailabilityZones"] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 2);
        var zoneNames = Enumerable.Range(0, Math.Clamp(zones, 1, 6)).Select(i => $"{region}{(char)('a' + i)}").ToList();
        outputs["vpcId"] = id;
        outputs["vpc"] = new JsonObject
        {
            ["id"] = id,
            ["arn"] = $"arn:aws:ec2:{region}:{AccountId}:vpc/{id}",
            ["cidrBlock"] = request.Inputs["cidrBlock"]?.DeepClone() ?? "10.0.0.0/16",
        };
        outputs["publicSubnetIds"] = new JsonArray([.. zoneNames.Select(_ => (JsonNode)JsonValue.Create($"subnet-0{RandomHex(16)}"))]);
        outputs["privateSubnetIds"] = new JsonArray([.. zoneNames.Select(_ => (JsonNode)JsonValue.Create($"subnet-0{RandomHex(16)}"))]);
        outputs["isolatedSubnetIds"] = new JsonArray();
        outputs["natGateways"] = new JsonArray([.. zoneNames.Select(_ => (JsonNode)new JsonObject { ["id"] = $"nat-0{RandomHex(16)}" })]);
        outputs["internetGateway"] = new JsonObject { ["id"] = $"igw-0{RandomHex(16)}" };
        return Task.CompletedTask;
    }
}
