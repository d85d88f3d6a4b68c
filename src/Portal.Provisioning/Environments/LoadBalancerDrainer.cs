using Microsoft.Extensions.Options;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Environments;

/// <summary>
/// The destroy preflight of seed 000: the AWS load balancers that LoadBalancer Services and Ingresses made are not in
/// the Pulumi state, and they keep the VPC's subnets in use, so <c>pulumi destroy</c> would hang on the VPC. Delete
/// them through Kubernetes and wait until their finalizers (the load balancer controller's cleanup) let them go.
/// </summary>
public sealed class LoadBalancerDrainer(IOptions<EnvironmentOptions> options, TimeProvider clock)
{
    public async Task DrainAsync(IClusterClient client, JobExecutionContext job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(job);
        var started = clock.GetTimestamp();
        var remaining = await ListAsync(client, cancellationToken);
        if (remaining.Count == 0)
        {
            await job.LogAsync("Preflight: no LoadBalancer Services or Ingresses in the cluster; nothing to drain.");
            return;
        }

        await job.ReportProgressAsync($"Preflight: deleting {remaining.Count} load balancer object(s): {string.Join(", ", remaining.Select(r => r.Label))}.",
            new LoadBalancerDrainProgress("deleting", [.. remaining.Select(r => r.Label)], 0));
        foreach (var target in remaining)
        {
            await target.DeleteAsync(client, cancellationToken);
        }

        var timeout = options.Value.LoadBalancerDrainTimeout;
        var reported = remaining.Count;
        while (true)
        {
            remaining = await ListAsync(client, cancellationToken);
            var elapsed = clock.GetElapsedTime(started);
            if (remaining.Count == 0)
            {
                await job.ReportProgressAsync($"Preflight: load balancers drained in {elapsed.TotalSeconds:0.0} s.", new LoadBalancerDrainProgress("drained", [], elapsed.TotalSeconds));
                return;
            }

            if (elapsed > timeout)
            {
                throw new TimeoutException(
                    $"Timed out after {timeout.TotalSeconds:0} s waiting for the cluster to delete its load balancers: {string.Join(", ", remaining.Select(r => r.Label))}. " +
                    "Their finalizers are still held (is the AWS Load Balancer Controller running?). Nothing was destroyed; fix that or delete them by hand, then retry.");
            }

            if (remaining.Count != reported)
            {
                reported = remaining.Count;
                await job.ReportProgressAsync($"Preflight: waiting for {remaining.Count} load balancer(s) to be deleted: {string.Join(", ", remaining.Select(r => r.Label))}.",
                    new LoadBalancerDrainProgress("waiting", [.. remaining.Select(r => r.Label)], elapsed.TotalSeconds));
            }

            await Task.Delay(options.Value.LoadBalancerDrainPollInterval, clock, cancellationToken);
        }
    }

    private static async Task<List<LoadBalancerObject>> ListAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        var services = await client.ListAllAsync(KubernetesResources.Services, null, null, cancellationToken);
        var ingresses = await client.ListAllAsync(KubernetesResources.Ingresses, null, null, cancellationToken);
        return
        [
            .. services.Items.Where(s => s.Spec?.Type == "LoadBalancer").Select(s => new LoadBalancerObject("Service", s.Metadata, s.Status?.LoadBalancer)),
            .. ingresses.Items.Select(i => new LoadBalancerObject("Ingress", i.Metadata, i.Status?.LoadBalancer)),
        ];
    }

    private sealed record LoadBalancerObject(string Kind, ObjectMeta Metadata, LoadBalancerStatus? Status)
    {
        public string Label
        {
            get
            {
                var hostname = Status?.Ingress?.FirstOrDefault()?.Hostname;
                return $"{Kind} {Metadata.Namespace}/{Metadata.Name}{(hostname is null ? "" : $" ({hostname})")}";
            }
        }

        public async Task DeleteAsync(IClusterClient client, CancellationToken cancellationToken)
        {
            try
            {
                if (Kind == "Service")
                {
                    await client.DeleteAsync(KubernetesResources.Services, Metadata.Namespace, Metadata.Name!, null, cancellationToken);
                }
                else
                {
                    await client.DeleteAsync(KubernetesResources.Ingresses, Metadata.Namespace, Metadata.Name!, null, cancellationToken);
                }
            }
            catch (KubernetesNotFoundException)
            {
                // Already gone: that is what we wanted.
            }
        }
    }
}
