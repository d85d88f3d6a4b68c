using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary><c>aws:ec2:*</c> networking (Vpc, Subnet, InternetGateway, NatGateway, Eip, RouteTable, Route,
/// RouteTableAssociation, SecurityGroup, SecurityGroupRule, …) with AWS-shaped ids and ARNs.</summary>
public sealed class AwsEc2Provider : SandboxProviderBase
{
    private static readonly Dictionary<string, string> s_idPrefixes = new(StringComparer.Ordinal)
    {
        ["Vpc"] = "vpc", ["Subnet"] = "subnet", ["InternetGateway"] = "igw", ["NatGateway"] = "nat", ["Eip"] = "eipalloc",
        ["RouteTable"] = "rtb", ["Route"] = "r", ["RouteTableAssociation"] = "rtbassoc", ["SecurityGroup"] = "sg",
        ["SecurityGroupRule"] = "sgrule", ["VpcEndpoint"] = "vpce", ["LaunchTemplate"] = "lt", ["KeyPair"] = "key",
    };

    private static readonly Dictionary<string, IReadOnlySet<string>> s_replace = new(StringComparer.Ordinal)
    {
        ["Vpc"] = new HashSet<string> { "cidrBlock" },
        ["Subnet"] = new HashSet<string> { "cidrBlock", "vpcId", "availabilityZone" },
        ["SecurityGroup"] = new HashSet<string> { "vpcId", "name" },
        ["NatGateway"] = new HashSet<string> { "subnetId", "allocationId" },
        ["RouteTableAssociation"] = new HashSet<string> { "subnetId" },
    };

    public override bool CanHandle(string type) => type.StartsWith("aws:ec2:", StringComparison.Ordinal) || type.StartsWith("aws:ec2/", StringComparison.Ordinal);

    public override IReadOnlySet<string> ReplaceProperties(string type) => s_replace.GetValueOrDefault(Kind(type)) ?? base.ReplaceProperties(type);

    protected override TimeSpan CreateDuration(string type) => Kind(type) switch
    {
        "NatGateway" => TimeSpan.FromSeconds(6),
        "Vpc" => TimeSpan.FromSeconds(2),
        _ => TimeSpan.FromSeconds(1),
    };

    protected override string NewId(SandboxResourceRequest request) => $"{s_idPrefixes.GetValueOrDefault(Kind(request.Type), "ec2")}-0{RandomHex(16)}";

    protected override Task ComputeOutputsAsync(SandboxResourceRequest request, string id, JsonObject outputs, CancellationToken cancellationToken)
    {
        var region = Region(request);
        var kind = Kind(request.Type);
        outputs["arn"] = $"arn:aws:ec2:{region}:{AccountId}:{kind.ToLowerInvariant()}/{id}";
        outputs["ownerId"] = AccountId;
        outputs["tags"] ??= new JsonObject();
        switch (kind)
        {
            case "Vpc":
                outputs["defaultSecurityGroupId"] = $"sg-0{RandomHex(16)}";
                outputs["mainRouteTableId"] = $"rtb-0{RandomHex(16)}";
                outputs["defaultNetworkAclId"] = $"acl-0{RandomHex(16)}";
                outputs["enableDnsHostnames"] ??= false;
                outputs["enableDnsSupport"] ??= true;
                outputs["instanceTenancy"] ??= "default";
                break;
            case "Subnet":
                outputs["availabilityZone"] ??= $"{region}a";
                outputs["availabilityZoneId"] = "use1-az1";
                outputs["mapPublicIpOnLaunch"] ??= false;
                break;
            case "NatGateway" or "Eip":
                outputs["publicIp"] = $"54.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";
                outputs["allocationId"] ??= kind == "Eip" ? id : $"eipalloc-0{RandomHex(16)}";
                break;
            case "SecurityGroup":
                outputs["name"] ??= AutoName(request);
                break;
        }

        return Task.CompletedTask;
    }

    private static string Kind(string type) => type[(type.LastIndexOf(':') + 1)..];
}
