using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary><c>eks:Cluster</c> (Pulumi's EKS component) as one resource taking ~15 s at speed 1. Its <c>kubeconfig</c>
/// output is the sandbox Kubernetes API server's kubeconfig (JSON file named by <c>PORTAL_SANDBOX_KUBECONFIG</c>), or
/// else an EKS-shaped kubeconfig as pulumi-eks generates it (https endpoint, <c>aws eks get-token</c> exec).</summary>
public sealed class EksProvider : SandboxProviderBase
{
    private static readonly IReadOnlySet<string> s_replace = new HashSet<string> { "name", "vpcId", "subnetIds", "privateSubnetIds", "publicSubnetIds" };

    public override bool CanHandle(string type) => type is "eks:Cluster" or "eks:index:Cluster";

    public override IReadOnlySet<string> ReplaceProperties(string type) => s_replace;

    protected override TimeSpan CreateDuration(string type) => TimeSpan.FromSeconds(15);

    protected override string NewId(SandboxResourceRequest request) => GetString(request.Inputs, "name") ?? $"{request.Name}-eksCluster-{RandomHex(7)}";

    protected override Task ComputeOutputsAsync(SandboxResourceRequest request, string id, JsonObject outputs, CancellationToken cancellationToken)
    {
        var region = Region(request);
        var endpointHost = $"{RandomHex(32).ToUpperInvariant()}.gr7.{region}.eks.amazonaws.com";
        var kubeconfig = SandboxKubeconfig.Load(request.Context.Environment) ?? EksKubeconfig(id, region, endpointHost);
        var server = kubeconfig["clusters"]?[0]?["cluster"]?["server"]?.GetValue<string>() ?? $"https://{endpointHost}";
        var version = GetString(request.Inputs, "version") ?? "1.32";
        outputs["kubeconfig"] = kubeconfig;
        outputs["kubeconfigJson"] = JsonText.Compact(kubeconfig);
        outputs["eksCluster"] = new JsonObject
        {
            ["name"] = id,
            ["arn"] = $"arn:aws:eks:{region}:{AccountId}:cluster/{id}",
            ["endpoint"] = server,
            ["version"] = version,
            ["status"] = "ACTIVE",
            ["platformVersion"] = "eks.9",
            ["vpcConfig"] = new JsonObject { ["vpcId"] = request.Inputs["vpcId"]?.DeepClone(), ["clusterSecurityGroupId"] = $"sg-0{RandomHex(16)}" },
        };
        outputs["clusterSecurityGroupId"] = $"sg-0{RandomHex(16)}";
        outputs["nodeSecurityGroupId"] = $"sg-0{RandomHex(16)}";
        // As pulumi-eks: the issuer URL, the same without https:// (the prefix of IRSA trust-policy condition keys), and the
        // IAM OIDC provider's ARN (created when createOidcProvider is true).
        var issuer = $"oidc.eks.{region}.amazonaws.com/id/{RandomHex(32).ToUpperInvariant()}";
        outputs["oidcProviderUrl"] = $"https://{issuer}";
        outputs["oidcIssuer"] = issuer;
        outputs["oidcProviderArn"] = $"arn:aws:iam::{AccountId}:oidc-provider/{issuer}";
        return Task.CompletedTask;
    }

    private static JsonObject EksKubeconfig(string clusterName, string region, string endpointHost) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Config",
        ["current-context"] = "aws",
        ["clusters"] = new JsonArray(new JsonObject
        {
            ["name"] = "kubernetes",
            ["cluster"] = new JsonObject
            {
                ["server"] = $"https://{endpointHost}",
                ["certificate-authority-data"] = Convert.ToBase64String("-----BEGIN CERTIFICATE-----\nsandbox\n-----END CERTIFICATE-----\n"u8.ToArray()),
            },
        }),
        ["contexts"] = new JsonArray(new JsonObject
        {
            ["name"] = "aws",
            ["context"] = new JsonObject { ["cluster"] = "kubernetes", ["user"] = "aws" },
        }),
        ["users"] = new JsonArray(new JsonObject
        {
            ["name"] = "aws",
            ["user"] = new JsonObject
            {
                ["exec"] = new JsonObject
                {
                    ["apiVersion"] = "client.authentication.k8s.io/v1beta1",
                    ["command"] = "aws",
                    ["args"] = new JsonArray("--region", region, "eks", "get-token", "--cluster-name", clusterName, "--output", "json"),
                    ["env"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "KUBERNETES_EXEC_INFO",
                        ["value"] = "{\"apiVersion\": \"client.authentication.k8s.io/v1beta1\"}",
                    }),
                },
            },
        }),
    };
}
