using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary><c>eks:Cluster</c> (Pulumi's EKS component) as one resource taking ~15 s at speed 1. With the sandbox
/// Kubernetes API server (its kubeconfig, a JSON file, named by <c>PORTAL_SANDBOX_KUBECONFIG</c>) each cluster is a
/// virtual cluster of that server named after the cluster's id, created with it and deleted with it, so two environments
/// never share objects; its <c>kubeconfig</c> output is the server's kubeconfig with <c>server</c> =
/// <c>&lt;server&gt;/clusters/&lt;id&gt;</c>. Without that variable the output is an EKS-shaped kubeconfig as pulumi-eks
/// generates it (https endpoint, <c>aws eks get-token</c> exec).</summary>
public sealed class EksProvider(ISandboxKubernetesApplier kubernetes) : SandboxProviderBase
{
    private static readonly IReadOnlySet<string> s_replace = new HashSet<string> { "name", "vpcId", "subnetIds", "privateSubnetIds", "publicSubnetIds" };

    public override bool CanHandle(string type) => type is "eks:Cluster" or "eks:index:Cluster";

    public override IReadOnlySet<string> ReplaceProperties(string type) => s_replace;

    protected override TimeSpan CreateDuration(string type) => TimeSpan.FromSeconds(15);

    protected override string NewId(SandboxResourceRequest request) => GetString(request.Inputs, "name") ?? $"{request.Name}-eksCluster-{RandomHex(7)}";

    public override async Task DeleteAsync(SandboxResourceRequest request, CancellationToken cancellationToken)
    {
        await base.DeleteAsync(request, cancellationToken);

        // Only a cluster whose kubeconfig points at its virtual cluster has one: stacks created before virtual clusters
        // existed used the server's default cluster, which is not theirs to delete.
        if (request.Id is { } id && SandboxKubeconfig.Load(request.Context.Environment) is { } sandbox
            && ServerOf(request.OldOutputs?["kubeconfig"] as JsonObject)?.EndsWith(VirtualClusterPath(id), StringComparison.Ordinal) == true)
        {
            await kubernetes.DeleteVirtualClusterAsync(new SandboxKubernetesCluster(sandbox, null, null), id, cancellationToken);
        }
    }

    protected override async Task ComputeOutputsAsync(SandboxResourceRequest request, string id, JsonObject outputs, CancellationToken cancellationToken)
    {
        var region = Region(request);
        var endpointHost = $"{RandomHex(32).ToUpperInvariant()}.gr7.{region}.eks.amazonaws.com";
        JsonObject kubeconfig;
        if (SandboxKubeconfig.Load(request.Context.Environment) is { } sandbox)
        {
            // Idempotent: an update (same id) keeps the cluster and its objects.
            await kubernetes.CreateVirtualClusterAsync(new SandboxKubernetesCluster(sandbox, null, null), id, cancellationToken);
            kubeconfig = VirtualClusterKubeconfig(sandbox, id);
        }
        else
        {
            kubeconfig = EksKubeconfig(id, region, endpointHost);
        }

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
    }

    private static string VirtualClusterPath(string id) => $"/{VirtualClusters.PathSegment}/{id}";

    private static string? ServerOf(JsonObject? kubeconfig) =>
        kubeconfig?["clusters"]?[0]?["cluster"]?["server"] is JsonValue value && value.TryGetValue<string>(out var server) ? server : null;

    /// <summary>The sandbox server's kubeconfig (CA, token, names unchanged) pointed at the virtual cluster <paramref name="id"/>.</summary>
    private static JsonObject VirtualClusterKubeconfig(JsonObject sandbox, string id)
    {
        var kubeconfig = (JsonObject)sandbox.DeepClone();
        foreach (var cluster in (kubeconfig["clusters"] as JsonArray ?? []).Select(c => c?["cluster"]).OfType<JsonObject>())
        {
            if (cluster["server"] is JsonValue value && value.TryGetValue<string>(out var server))
            {
                cluster["server"] = server.TrimEnd('/') + VirtualClusterPath(id);
            }
        }

        return kubeconfig;
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
