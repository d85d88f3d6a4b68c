using Portal.Sandbox.Kubernetes.Store;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary><c>kubernetes:&lt;group&gt;/&lt;version&gt;:&lt;Kind&gt;</c> resources (Namespace, Deployment, Service, ConfigMap,
/// Secret, …) applied to a real API server through <see cref="ISandboxKubernetesApplier"/>, awaited like pulumi-kubernetes
/// does (Deployments until their replicas are ready, LoadBalancer Services until they have an ingress, deletions until
/// the object is gone), plus the
/// <c>pulumi:providers:kubernetes</c> provider resource that names the target cluster.</summary>
public sealed class KubernetesProvider(ISandboxKubernetesApplier applier) : ISandboxResourceProvider
{
    public const string ProviderType = "pulumi:providers:kubernetes";

    private static readonly IReadOnlySet<string> s_none = new HashSet<string>();
    private static readonly HashSet<string> s_clusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass", "PersistentVolume", "Node", "PriorityClass",
    };

    private static readonly string[] s_secretKeys = ["data", "stringData"];
    // pulumi-kubernetes waits 10 minutes for a Deployment or Service; scaled by the speed factor, never below 30 s.
    private static readonly TimeSpan s_awaitTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_minimumAwaitTimeout = TimeSpan.FromSeconds(30);

    // Helm releases need a chart repository and a Helm engine: not simulated, so they get the unknown-type diagnostic.
    public bool CanHandle(string type) =>
        (type.StartsWith("kubernetes:", StringComparison.Ordinal) && !type.StartsWith("kubernetes:helm.sh/", StringComparison.Ordinal)) || type == ProviderType;

    public IReadOnlySet<string> ReplaceProperties(string type) => s_none;

    public JsonObject PreviewOutputs(SandboxResourceRequest request) =>
        request.Type == ProviderType ? (JsonObject)request.Inputs.DeepClone() : Manifest(request, NameFor(request), null);

    public async Task<SandboxResourceResult> CreateAsync(SandboxResourceRequest request, CancellationToken cancellationToken)
    {
        if (request.Type == ProviderType)
        {
            await request.Context.DelayAsync(TimeSpan.FromMilliseconds(200), cancellationToken);
            return new SandboxResourceResult(Guid.NewGuid().ToString(), (JsonObject)request.Inputs.DeepClone());
        }

        return await ApplyAsync(request, NameFor(request), cancellationToken);
    }

    public async Task<SandboxResourceResult> UpdateAsync(SandboxResourceRequest request, CancellationToken cancellationToken)
    {
        if (request.Type == ProviderType)
        {
            return new SandboxResourceResult(request.Id ?? Guid.NewGuid().ToString(), (JsonObject)request.Inputs.DeepClone());
        }

        // Keep the auto-generated name across updates; a renamed object replaces the old one.
        var oldName = request.OldOutputs?["metadata"]?["name"]?.GetValue<string>();
        var oldNamespace = request.OldOutputs?["metadata"]?["namespace"]?.GetValue<string>();
        var name = request.Inputs["metadata"]?["name"]?.GetValue<string>() ?? oldName ?? NameFor(request);
        var result = await ApplyAsync(request, name, cancellationToken);
        var newNamespace = result.Outputs["metadata"]?["namespace"]?.GetValue<string>();
        if (oldName is not null && (oldName != name || oldNamespace != newNamespace))
        {
            await applier.DeleteAsync(Resolve(request), Reference(request.OldOutputs!), cancellationToken);
        }

        return result;
    }

    public async Task DeleteAsync(SandboxResourceRequest request, CancellationToken cancellationToken)
    {
        if (request.Type == ProviderType || request.OldOutputs is null)
        {
            return;
        }

        var cluster = Resolve(request);
        var reference = Reference(request.OldOutputs);
        await applier.DeleteAsync(cluster, reference, cancellationToken);
        await AwaitDeletedAsync(request, cluster, reference, cancellationToken);
    }

    public async Task<SandboxResourceResult?> ReadAsync(SandboxResourceRequest request, CancellationToken cancellationToken)
    {
        if (request.Type == ProviderType || request.OldOutputs is null)
        {
            return new SandboxResourceResult(request.Id ?? "", (JsonObject)(request.OldOutputs ?? request.Inputs).DeepClone());
        }

        var live = await applier.ReadAsync(Resolve(request), Reference(request.OldOutputs), cancellationToken);
        return live is null ? null : new SandboxResourceResult(request.Id ?? "", Outputs(request, live));
    }

    /// <summary>The cluster: the explicit provider's kubeconfig, else the sandbox's (<c>PORTAL_SANDBOX_KUBECONFIG</c>), else <c>KUBECONFIG</c>.</summary>
    public static SandboxKubernetesCluster Resolve(SandboxResourceRequest request)
    {
        var provider = request.ExplicitProvider;
        var kubeconfig = provider?["kubeconfig"] switch
        {
            JsonObject o => (JsonObject)o.DeepClone(),
            JsonValue v when v.TryGetValue<string>(out var text) && text.Length > 0 => SandboxKubeconfig.Parse(text),
            _ => null,
        };
        kubeconfig ??= SandboxKubeconfig.Load(request.Context.Environment);
        if (kubeconfig is null && request.Context.Environment("KUBECONFIG") is { Length: > 0 } path && File.Exists(path.Split(':')[0]))
        {
            kubeconfig = SandboxKubeconfig.Parse(File.ReadAllText(path.Split(':')[0]));
        }

        return kubeconfig is null
            ? throw new SandboxProviderException(
                "kubernetes provider: no cluster to target; give the resource a `provider` option naming a pulumi:providers:kubernetes resource with a kubeconfig, or set PORTAL_SANDBOX_KUBECONFIG")
            : new SandboxKubernetesCluster(kubeconfig, provider?["context"]?.GetValue<string>(), provider?["namespace"]?.GetValue<string>());
    }

    /// <summary>apiVersion and kind from the type token: <c>kubernetes:apps/v1:Deployment</c> → <c>apps/v1</c>, <c>Deployment</c>.</summary>
    public static (string ApiVersion, string Kind) ParseType(string type)
    {
        var parts = type.Split(':');
        if (parts.Length != 3 || !parts[1].Contains('/', StringComparison.Ordinal))
        {
            throw new SandboxProviderException($"'{type}' is not a kubernetes resource type (expected kubernetes:<group>/<version>:<Kind>)");
        }

        var apiVersion = parts[1].StartsWith("core/", StringComparison.Ordinal) ? parts[1]["core/".Length..] : parts[1];
        return (apiVersion, parts[2]);
    }

    private async Task<SandboxResourceResult> ApplyAsync(SandboxResourceRequest request, string name, CancellationToken cancellationToken)
    {
        var cluster = Resolve(request);
        var manifest = Manifest(request, name, cluster.DefaultNamespace);
        if (request.IgnoreChanges is { Count: > 0 } ignored && await applier.ReadAsync(cluster, manifest, cancellationToken) is { } current)
        {
            // What a 3-way apply gives pulumi-kubernetes: fields under ignoreChanges keep what the cluster has (an image
            // set by kubectl set image stays), instead of the inputs recorded when the resource was created.
            foreach (var path in ignored)
            {
                PropertyPath.CopyFrom(current, manifest, path);
            }
        }

        var live = await applier.ApplyAsync(cluster, manifest, cancellationToken);
        live = await AwaitReadyAsync(request, cluster, manifest, live, name, cancellationToken);
        return new SandboxResourceResult(Id(live, name), Outputs(request, live));
    }

    private static string Id(JsonObject live, string name)
    {
        var metadata = live["metadata"];
        return (metadata?["namespace"] is JsonValue ns) ? $"{ns}/{metadata["name"]}" : metadata?["name"]?.GetValue<string>() ?? name;
    }

    private async Task<JsonObject> AwaitReadyAsync(
        SandboxResourceRequest request, SandboxKubernetesCluster cluster, JsonObject manifest, JsonObject live, string name, CancellationToken cancellationToken)
    {
        // The same annotations pulumi-kubernetes honours.
        var annotations = manifest["metadata"]?["annotations"];
        if (annotations?["pulumi.com/skipAwait"]?.ToString() == "true")
        {
            return live;
        }

        var timeout = AwaitTimeout(request, annotations);
        var deadline = DateTimeOffset.UtcNow + timeout;
        var poll = PollInterval(request);
        while (!IsReady(live))
        {
            // pulumi-kubernetes gives up on a Deployment as soon as its controller reports the progress deadline exceeded.
            // Only a status the controller wrote for this generation counts: right after the update the condition is the
            // previous rollout's.
            if (live["kind"]?.GetValue<string>() == "Deployment"
                && JsonValues.AsLong(live["status"]?["observedGeneration"]) >= JsonValues.AsLong(live["metadata"]?["generation"])
                && (live["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.ToString() == "Progressing" && c["reason"]?.ToString() == "ProgressDeadlineExceeded"))
            {
                throw new SandboxPartialFailureException(
                    $"[Progressing] Deployment '{manifest["metadata"]?["name"]}' exceeded its progress deadline: {live["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.ToString() == "Progressing")?["message"]}",
                    Id(live, name),
                    Outputs(request, live));
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new SandboxPartialFailureException(
                    $"timed out waiting for {manifest["kind"]} '{manifest["metadata"]?["name"]}' to become ready after {timeout.TotalSeconds:0} s (status: {JsonText.Compact(live["status"])})",
                    Id(live, name),
                    Outputs(request, live));
            }

            await Task.Delay(poll, cancellationToken);
            live = await applier.ReadAsync(cluster, manifest, cancellationToken)
                ?? throw new SandboxProviderException($"{manifest["kind"]} '{manifest["metadata"]?["name"]}' disappeared while waiting for it");
        }

        return live;
    }

    /// <summary>
    /// Waits until the object is gone, as pulumi-kubernetes does: finalizers hold some objects after the DELETE (a
    /// LoadBalancer Service until its load balancer is deleted, a Namespace until it is empty), and a destroy that did
    /// not wait would report them deleted while they still exist.
    /// </summary>
    private async Task AwaitDeletedAsync(
        SandboxResourceRequest request, SandboxKubernetesCluster cluster, JsonObject reference, CancellationToken cancellationToken)
    {
        var annotations = request.OldOutputs?["metadata"]?["annotations"];
        if (annotations?["pulumi.com/skipAwait"]?.ToString() == "true")
        {
            return;
        }

        var timeout = AwaitTimeout(request, annotations);
        var deadline = DateTimeOffset.UtcNow + timeout;
        var poll = PollInterval(request);
        while (await applier.ReadAsync(cluster, reference, cancellationToken) is { } live)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new SandboxProviderException(
                    $"timed out waiting for {reference["kind"]} '{reference["metadata"]?["name"]}' to be deleted after {timeout.TotalSeconds:0} s (finalizers: {JsonText.Compact(live["metadata"]?["finalizers"])})");
            }

            await Task.Delay(poll, cancellationToken);
        }
    }

    private static TimeSpan AwaitTimeout(SandboxResourceRequest request, JsonNode? annotations) =>
        annotations?["pulumi.com/timeoutSeconds"]?.ToString() is { } seconds && double.TryParse(seconds, out var value)
            ? TimeSpan.FromSeconds(value)
            : TimeSpan.FromTicks(Math.Max(s_minimumAwaitTimeout.Ticks, (long)(s_awaitTimeout.Ticks / request.Context.Speed)));

    private static TimeSpan PollInterval(SandboxResourceRequest request) => TimeSpan.FromMilliseconds(Math.Max(50, 1000 / request.Context.Speed));

    private static bool IsReady(JsonObject live)
    {
        switch (live["kind"]?.GetValue<string>())
        {
            case "Deployment":
                // As pulumi-kubernetes: only a status the controller wrote for this generation counts (right after an
                // update the counts are the previous rollout's), and the old pods must be gone.
                var wanted = Int(live["spec"]?["replicas"]) ?? 1;
                var status = live["status"];
                var observed = Int(status?["observedGeneration"]) ?? 0;
                var generation = Int(live["metadata"]?["generation"]) ?? 0;
                var ready = Int(status?["readyReplicas"]) ?? 0;
                var updated = Int(status?["updatedReplicas"]) ?? 0;
                var total = Int(status?["replicas"]) ?? 0;
                return observed >= generation && ready >= wanted && updated >= wanted && total <= updated;
            case "Service":
                var type = live["spec"]?["type"]?.GetValue<string>();
                return type != "LoadBalancer" || live["status"]?["loadBalancer"]?["ingress"] is JsonArray { Count: > 0 };
            default:
                return true;
        }
    }

    /// <summary>Numbers from YAML are longs, from a server JSON elements: read either.</summary>
    private static long? Int(JsonNode? node) => node is not JsonValue value ? null
        : value.TryGetValue<long>(out var l) ? l
        : value.TryGetValue<int>(out var i) ? i
        : value.TryGetValue<double>(out var d) ? (long)d
        : null;

    private static JsonObject Manifest(SandboxResourceRequest request, string name, string? defaultNamespace)
    {
        var (apiVersion, kind) = ParseType(request.Type);
        var manifest = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        var metadata = request.Inputs["metadata"] is JsonObject m ? (JsonObject)m.DeepClone() : [];
        metadata["name"] = name;
        if (!s_clusterScoped.Contains(kind))
        {
            metadata["namespace"] ??= defaultNamespace ?? "default";
        }

        manifest["metadata"] = metadata;
        foreach (var (key, value) in request.Inputs.Where(p => p.Key is not ("apiVersion" or "kind" or "metadata")))
        {
            manifest[key] = value?.DeepClone();
        }

        return manifest;
    }

    private static JsonObject Reference(JsonObject outputs) => new()
    {
        ["apiVersion"] = outputs["apiVersion"]?.DeepClone(),
        ["kind"] = outputs["kind"]?.DeepClone(),
        ["metadata"] = new JsonObject { ["name"] = outputs["metadata"]?["name"]?.DeepClone(), ["namespace"] = outputs["metadata"]?["namespace"]?.DeepClone() },
    };

    private static JsonObject Outputs(SandboxResourceRequest request, JsonObject live)
    {
        var outputs = (JsonObject)live.DeepClone();
        (outputs["metadata"] as JsonObject)?.Remove("managedFields");
        if (outputs["kind"]?.GetValue<string>() == "Secret")
        {
            // pulumi-kubernetes always treats Secret data as secret.
            foreach (var key in s_secretKeys.Where(outputs.ContainsKey))
            {
                outputs[key] = SecretValues.Wrap(outputs[key]);
            }
        }

        return outputs;
    }

    private static string NameFor(SandboxResourceRequest request) =>
        request.Inputs["metadata"]?["name"]?.GetValue<string>() ?? $"{request.Name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
