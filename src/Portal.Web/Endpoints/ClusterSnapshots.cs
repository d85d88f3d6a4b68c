using Portal.Data.Entities;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Templates;
using Portal.Web.Endpoints.Contracts;

namespace Portal.Web.Endpoints;

/// <summary>Lists an environment's Deployments and Services once, for API responses (the UI watches them instead).</summary>
public static class ClusterSnapshots
{
    // An API response must not hang on an unreachable cluster: it says so instead.
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    public static async Task<ClusterSnapshot?> ReadAsync(
        EnvironmentClusterAccess clusters, EnvironmentTemplate template, EnvironmentRecord environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var cluster = await clusters.ConnectAsync(environment, cancellationToken);
        if (cluster is null)
        {
            return null;
        }

        var scope = EnvironmentScope.Namespaces(template, environment);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            var deployments = await cluster.Client.ListAllAsync(KubernetesResources.Deployments, null, null, timeout.Token);
            var services = await cluster.Client.ListAllAsync(KubernetesResources.Services, null, null, timeout.Token);
            return new ClusterSnapshot(
                true,
                null,
                [.. deployments.Items.Where(d => EnvironmentScope.Includes(scope, d.Metadata.Namespace)).Select(d => new WorkloadSnapshot(
                    d.Metadata.Namespace!, d.Metadata.Name!, d.Spec?.Replicas ?? 1, d.Status?.ReadyReplicas ?? 0, d.Status?.UpdatedReplicas ?? 0,
                    d.Status?.AvailableReplicas ?? 0, [.. d.Spec?.Template?.Spec?.Containers?.Select(c => c.Image ?? "") ?? []]))],
                [.. services.Items.Where(s => EnvironmentScope.Includes(scope, s.Metadata.Namespace)).Select(s => new ServiceSnapshot(
                    s.Metadata.Namespace!, s.Metadata.Name!, s.Spec?.Type ?? "ClusterIP",
                    [.. s.Spec?.Ports?.Select(p => $"{p.Port}/{p.Protocol ?? "TCP"}") ?? []],
                    [.. s.Status?.LoadBalancer?.Ingress?.Select(i => i.Hostname ?? i.Ip ?? "").Where(h => h.Length > 0) ?? []]))]);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or Provisioning.Kubernetes.Errors.KubernetesApiException
            && !cancellationToken.IsCancellationRequested)
        {
            return new ClusterSnapshot(false, ex is OperationCanceledException ? $"The cluster did not answer within {s_timeout.TotalSeconds:0} s." : ex.Message, [], []);
        }
    }
}
