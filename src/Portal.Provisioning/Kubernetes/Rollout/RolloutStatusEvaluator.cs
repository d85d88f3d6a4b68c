using System.Globalization;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes.Rollout;

/// <summary>
/// The rules of kubectl's DeploymentStatusViewer.Status (pkg/polymorphichelpers/rollout_status.go, 1.32), in the same order.
/// Note what it does not check: the NewReplicaSetAvailable reason, and readiness beyond availableReplicas.
/// </summary>
public static class RolloutStatusEvaluator
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    public static RolloutVerdict Evaluate(Deployment deployment, long? revision = null)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var name = deployment.Metadata.Name;

        if (revision > 0)
        {
            var annotation = deployment.Metadata.Annotations?.GetValueOrDefault(RevisionAnnotation);
            if (!long.TryParse(annotation, NumberStyles.Integer, CultureInfo.InvariantCulture, out var current))
            {
                return new RolloutVerdict(RolloutState.Failed, $"cannot get the revision of deployment \"{name}\": invalid revision \"{annotation}\"");
            }

            if (revision != current)
            {
                return new RolloutVerdict(RolloutState.Failed, $"desired revision ({revision}) is different from the running revision ({current})");
            }
        }

        var status = deployment.Status ?? new DeploymentStatus();
        var generation = deployment.Metadata.Generation ?? 0;
        if (generation > (status.ObservedGeneration ?? 0))
        {
            return new RolloutVerdict(RolloutState.InProgress, "Waiting for deployment spec update to be observed...");
        }

        var progressing = status.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
        if (progressing?.Reason == "ProgressDeadlineExceeded")
        {
            return new RolloutVerdict(RolloutState.Failed, $"deployment \"{name}\" exceeded its progress deadline");
        }

        var updated = status.UpdatedReplicas ?? 0;
        var replicas = status.Replicas ?? 0;
        var available = status.AvailableReplicas ?? 0;
        if (deployment.Spec?.Replicas is { } desired && updated < desired)
        {
            return new RolloutVerdict(RolloutState.InProgress,
                $"Waiting for deployment \"{name}\" rollout to finish: {updated} out of {desired} new replicas have been updated...");
        }

        if (replicas > updated)
        {
            return new RolloutVerdict(RolloutState.InProgress,
                $"Waiting for deployment \"{name}\" rollout to finish: {replicas - updated} old replicas are pending termination...");
        }

        if (available < updated)
        {
            return new RolloutVerdict(RolloutState.InProgress,
                $"Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available...");
        }

        return new RolloutVerdict(RolloutState.Complete, $"deployment \"{name}\" successfully rolled out");
    }

    /// <summary>
    /// Watches one deployment (list + watch on metadata.name, like kubectl) and reports each distinct verdict until it is
    /// complete or failed. A deleted deployment fails with kubectl's "object has been deleted".
    /// </summary>
    public static async IAsyncEnumerable<RolloutVerdict> WatchAsync(
        IClusterClient client, string? ns, string name, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, long? revision = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        string? last = null;
        var options = new Watching.ObserveOptions { FieldSelector = "metadata.name=" + name };
        await foreach (var change in client.ObserveAsync(KubernetesResources.Deployments, ns ?? client.DefaultNamespace, options, cancellationToken))
        {
            if (change.Type == Watching.ResourceChangeType.Deleted)
            {
                yield return new RolloutVerdict(RolloutState.Failed, "object has been deleted");
                yield break;
            }

            var deployment = change.Type == Watching.ResourceChangeType.Snapshot ? (change.Snapshot!.Count > 0 ? change.Snapshot[0] : null) : change.Item;
            if (deployment is null)
            {
                throw new Errors.KubernetesNotFoundException(new Status
                {
                    Code = 404,
                    Reason = "NotFound",
                    StatusValue = "Failure",
                    Message = $"deployments.apps \"{name}\" not found",
                });
            }

            var verdict = Evaluate(deployment, revision);
            if (verdict.Message != last)
            {
                last = verdict.Message;
                yield return verdict;
            }

            if (verdict.State != RolloutState.InProgress)
            {
                yield break;
            }
        }
    }
}
