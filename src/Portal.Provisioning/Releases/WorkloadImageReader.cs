using Portal.Data.Entities;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Releases;

/// <summary>Reads the image a workload's container runs now, from its Deployment in the environment's cluster.</summary>
public sealed class WorkloadImageReader(EnvironmentClusterAccess clusters)
{
    /// <summary>The container's image, or an explanation of why it cannot be read.</summary>
    public async Task<(string? Image, string? Problem)> ReadAsync(EnvironmentRecord environment, WorkloadTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (await clusters.ConnectAsync(environment, cancellationToken) is not { } cluster)
        {
            return (null, $"Environment '{environment.Name}' has no cluster yet.");
        }

        try
        {
            var deployment = await cluster.Client.GetAsync(KubernetesResources.Deployments, target.Namespace, target.Deployment, cancellationToken);
            return ImageOf(deployment, target) is { } image
                ? (image, null)
                : (null, $"Deployment {target.Namespace}/{target.Deployment} has no container named '{target.Container}'.");
        }
        catch (KubernetesNotFoundException)
        {
            return (null, $"Deployment {target.Namespace}/{target.Deployment} does not exist.");
        }
        catch (Exception ex) when (ex is KubernetesApiException or HttpRequestException or TimeoutException)
        {
            return (null, $"The cluster could not be read: {ex.Message}");
        }
    }

    /// <summary>The workload container's image in a Deployment's pod template.</summary>
    public static string? ImageOf(Deployment deployment, WorkloadTarget target)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(target);
        return deployment.Spec?.Template?.Spec?.Containers.FirstOrDefault(c => c.Name == target.Container)?.Image;
    }
}
