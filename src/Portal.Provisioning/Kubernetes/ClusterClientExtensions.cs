using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Watching;

namespace Portal.Provisioning.Kubernetes;

/// <summary>Operations built from the <see cref="IClusterClient"/> primitives, so fakes only implement the primitives.</summary>
public static class ClusterClientExtensions
{
    /// <summary>Follows <c>continue</c> until the last page; the result carries the first page's resourceVersion (the one to watch from).</summary>
    public static async Task<KubernetesList<T>> ListAllAsync<T>(
        this IClusterClient client, KubernetesResource<T> resource, string? ns, ListOptions? options, CancellationToken cancellationToken, int pageSize = 500)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(client);
        var pageOptions = (options ?? new ListOptions()) with { Limit = pageSize, Continue = null };
        var first = await client.ListAsync(resource, ns, pageOptions, cancellationToken);
        var next = first.Metadata.Continue;
        while (!string.IsNullOrEmpty(next))
        {
            var page = await client.ListAsync(resource, ns, pageOptions with { Continue = next }, cancellationToken);
            first.Items.AddRange(page.Items);
            next = page.Metadata.Continue;
        }

        first.Metadata.Continue = null;
        return first;
    }

    /// <summary>List-then-watch that never ends by itself: resumes after disconnects, re-lists after 410, backs off on errors.</summary>
    public static IAsyncEnumerable<ResourceChange<T>> ObserveAsync<T>(
        this IClusterClient client, KubernetesResource<T> resource, string? ns, ObserveOptions? options, CancellationToken cancellationToken, ILogger? logger = null)
        where T : class, IKubernetesObject =>
        new ResourceObserver<T>(client, resource, ns, options ?? new ObserveOptions(), logger).ObserveAsync(cancellationToken);

    /// <summary>What <c>kubectl set image deployment/NAME CONTAINER=IMAGE</c> sends: a strategic merge patch keyed by container name.</summary>
    public static Task<Deployment> SetContainerImageAsync(
        this IClusterClient client, string? ns, string deployment, string container, string image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["$setElementOrder/containers"] = new JsonArray(new JsonObject { ["name"] = container }),
                        ["containers"] = new JsonArray(new JsonObject { ["image"] = image, ["name"] = container }),
                    },
                },
            },
        };
        return client.PatchAsync(KubernetesResources.Deployments, ns, deployment, PatchType.StrategicMerge, patch.ToJsonString(), cancellationToken, "portal-set-image");
    }

    /// <summary>What <c>kubectl rollout restart</c> sends: the restartedAt template annotation, which rolls every pod.</summary>
    public static Task<Deployment> RestartDeploymentAsync(
        this IClusterClient client, string? ns, string deployment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var stamp = now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture).Replace("+00:00", "Z", StringComparison.Ordinal);
        var patch = """{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"""
            + JsonSerializer.Serialize(stamp, KubernetesJsonContext.Default.String) + "}}}}}";
        return client.PatchAsync(KubernetesResources.Deployments, ns, deployment, PatchType.StrategicMerge, patch, cancellationToken, "portal-rollout");
    }

    /// <summary>
    /// Read-modify-write with optimistic concurrency, as client-go's RetryOnConflict: on 409 the object is read again and
    /// <paramref name="mutate"/> re-applied, up to <paramref name="attempts"/> times (controllers write status meanwhile).
    /// </summary>
    public static async Task<T> UpdateWithRetryAsync<T>(
        this IClusterClient client, KubernetesResource<T> resource, string? ns, string name, Action<T> mutate, CancellationToken cancellationToken, int attempts = 5)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(mutate);
        for (var attempt = 1; ; attempt++)
        {
            var current = await client.GetAsync(resource, ns, name, cancellationToken);
            mutate(current);
            try
            {
                return await client.ReplaceAsync(resource, ns, current, cancellationToken);
            }
            catch (Errors.KubernetesConflictException) when (attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Scales through a merge patch of spec.replicas.</summary>
    public static Task<Deployment> ScaleDeploymentAsync(this IClusterClient client, string? ns, string deployment, int replicas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var patch = $$$"""{"spec":{"replicas":{{{replicas.ToString(CultureInfo.InvariantCulture)}}}}}""";
        return client.PatchAsync(KubernetesResources.Deployments, ns, deployment, PatchType.Merge, patch, cancellationToken);
    }
}
