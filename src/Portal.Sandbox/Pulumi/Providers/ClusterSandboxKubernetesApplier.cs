using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Configuration;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Sandbox.Kubernetes.Api;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>
/// <see cref="ISandboxKubernetesApplier"/> over the portal's Kubernetes client: one shared client per cluster (server plus
/// credentials) from <paramref name="clients"/>, objects handled as whole JSON so no manifest field is lost.
/// Apply is GET, then POST when absent or a JSON merge patch of the manifest when present: the manifest's fields win (a
/// changed image rolls the Deployment), while what the server and controllers own (resourceVersion, clusterIP,
/// finalizers, status) is kept.
/// </summary>
public sealed class ClusterSandboxKubernetesApplier(IClusterClientFactory clients) : ISandboxKubernetesApplier
{
    /// <summary>The field manager the server records for our writes (pulumi-kubernetes records "pulumi-kubernetes").</summary>
    public const string FieldManager = "portal-sandbox-pulumi";

    /// <summary>The sandbox API server's virtual clusters, managed as a cluster-scoped resource of its default cluster.</summary>
    private const string EksSource = "eks:Cluster";

    private static readonly KubernetesResource<KubernetesObject> s_virtualClusters =
        UntypedKubernetesResources.Create(ApiRouter.AdminGroup, ApiRouter.AdminVersion, ApiRouter.AdminPlural, "VirtualCluster", namespaced: false);

    public async Task<JsonObject> ApplyAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var target = Target.Of(manifest);
        var client = ClientFor(cluster);
        try
        {
            if (await TryGetAsync(client, target, cancellationToken) is null)
            {
                try
                {
                    var created = await client.CreateAsync(target.Resource, target.Namespace, new KubernetesObject((JsonObject)manifest.DeepClone()), cancellationToken);
                    return created.Content;
                }
                catch (KubernetesConflictException ex) when (ex.Reason == "AlreadyExists")
                {
                    // Created by someone else between our GET and POST: fall through and patch it like an existing object.
                }
            }

            var patched = await client.PatchAsync(
                target.Resource, target.Namespace, target.Name, PatchType.Merge, manifest.ToJsonString(), cancellationToken, FieldManager);
            return patched.Content;
        }
        catch (Exception ex) when (IsClusterFailure(ex))
        {
            throw Failure("apply", target, client, ex);
        }
    }

    public async Task<JsonObject?> ReadAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var target = Target.Of(manifest);
        var client = ClientFor(cluster);
        try
        {
            return await TryGetAsync(client, target, cancellationToken);
        }
        catch (Exception ex) when (IsClusterFailure(ex))
        {
            throw Failure("read", target, client, ex);
        }
    }

    public async Task DeleteAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var target = Target.Of(manifest);
        var client = ClientFor(cluster);
        try
        {
            // A finalizer may hold the object for a while (a LoadBalancer Service until its load balancer is gone);
            // KubernetesProvider waits for it to disappear, as pulumi-kubernetes does.
            await client.DeleteAsync(target.Resource, target.Namespace, target.Name, options: null, cancellationToken);
        }
        catch (KubernetesNotFoundException)
        {
            // Already gone, or its kind is not served (then it never existed): deleting is done either way.
        }
        catch (Exception ex) when (IsClusterFailure(ex))
        {
            throw Failure("delete", target, client, ex);
        }
    }

    public async Task CreateVirtualClusterAsync(SandboxKubernetesCluster server, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var target = new Target(s_virtualClusters, null, name);
        var client = ClientFor(server);
        var item = new KubernetesObject(new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        try
        {
            await client.CreateAsync(s_virtualClusters, null, item, cancellationToken);
        }
        catch (KubernetesConflictException ex) when (ex.Reason == "AlreadyExists")
        {
            // An update of the eks:Cluster, or a retried create: the cluster and its objects stay.
        }
        catch (Exception ex) when (IsClusterFailure(ex))
        {
            throw Failure("create", target, client, ex, EksSource);
        }
    }

    public async Task DeleteVirtualClusterAsync(SandboxKubernetesCluster server, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var target = new Target(s_virtualClusters, null, name);
        var client = ClientFor(server);
        try
        {
            await client.DeleteAsync(s_virtualClusters, null, name, options: null, cancellationToken);
        }
        catch (KubernetesNotFoundException ex) when (IsMissingObject(ex))
        {
            // Already gone (a retried destroy): deleting is done.
        }
        catch (Exception ex) when (IsClusterFailure(ex))
        {
            throw Failure("delete", target, client, ex, EksSource);
        }
    }

    private static async Task<JsonObject?> TryGetAsync(IClusterClient client, Target target, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetAsync(target.Resource, target.Namespace, target.Name, cancellationToken)).Content;
        }
        catch (KubernetesNotFoundException ex) when (IsMissingObject(ex))
        {
            return null;
        }
    }

    /// <summary>A missing object's 404 names it in details; a 404 without a name means the server has no such resource type.</summary>
    private static bool IsMissingObject(KubernetesNotFoundException ex) => !string.IsNullOrEmpty(ex.Status.Details?.Name);

    private IClusterClient ClientFor(SandboxKubernetesCluster cluster)
    {
        var kubeconfig = cluster.Kubeconfig.ToJsonString();
        // Keyed by server and a digest of the whole kubeconfig and context, so two credentials for one server get two clients
        // and neither evicts the other; the digest keeps credentials out of the key.
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cluster.Context + "\n" + kubeconfig)))[..16];
        try
        {
            return clients.GetOrCreate($"{cluster.Server}#{digest}", kubeconfig, cluster.Context);
        }
        catch (Exception ex) when (ex is KubeconfigException or CredentialPluginException or JsonException or FormatException or IOException
            or System.Security.Cryptography.CryptographicException)
        {
            throw new SandboxProviderException($"kubernetes provider: cannot use the kubeconfig for {cluster.Server ?? "the cluster"}: {ex.Message}", ex);
        }
    }

    private static bool IsClusterFailure(Exception ex) =>
        ex is KubernetesApiException or HttpRequestException or TimeoutException or CredentialPluginException or JsonException;

    /// <summary>The error a step reports; <paramref name="source"/> names who failed (eks:Cluster manages virtual clusters).</summary>
    private static SandboxProviderException Failure(string verb, Target target, IClusterClient client, Exception ex, string source = "kubernetes provider") => ex switch
    {
        KubernetesNotFoundException notFound when !IsMissingObject(notFound) => new SandboxProviderException(
            $"{source}: the API server at {client.Server} does not serve {target.Describe()} (the server could not find the requested resource {target.Resource})", ex),
        KubernetesApiException api => new SandboxProviderException(
            $"{source}: cannot {verb} {target.Describe()} on {client.Server}: {api.Message} ({api.Reason ?? api.StatusCode.ToString()})", ex),
        HttpRequestException => new SandboxProviderException(
            $"{source}: cannot {verb} {target.Describe()}: the API server at {client.Server} is unreachable: {ex.Message}", ex),
        _ => new SandboxProviderException($"{source}: cannot {verb} {target.Describe()} on {client.Server}: {ex.Message}", ex),
    };

    /// <summary>Where a manifest's object lives: its REST resource, namespace (null for cluster-scoped kinds) and name.</summary>
    private sealed record Target(KubernetesResource<KubernetesObject> Resource, string? Namespace, string Name)
    {
        public static Target Of(JsonObject manifest)
        {
            ArgumentNullException.ThrowIfNull(manifest);
            var apiVersion = manifest["apiVersion"]?.GetValue<string>() ?? throw new SandboxProviderException("kubernetes provider: the manifest has no apiVersion");
            var kind = manifest["kind"]?.GetValue<string>() ?? throw new SandboxProviderException("kubernetes provider: the manifest has no kind");
            var name = manifest["metadata"]?["name"]?.GetValue<string>() ?? throw new SandboxProviderException($"kubernetes provider: the {kind} manifest has no metadata.name");
            if (!UntypedKubernetesResources.TryFind(apiVersion, kind, out var resource))
            {
                throw new SandboxProviderException(
                    $"kubernetes provider: {apiVersion} {kind} is not supported by the sandbox (no REST mapping for this kind; supported are the built-in workload, service, config and RBAC kinds)");
            }

            return new Target(resource, resource.Namespaced ? manifest["metadata"]?["namespace"]?.GetValue<string>() : null, name);
        }

        public string Describe() => $"{Resource.Kind} '{(Namespace is null ? Name : $"{Namespace}/{Name}")}'";
    }
}
