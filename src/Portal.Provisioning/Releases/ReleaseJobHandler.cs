using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Pulumi;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Releases;

/// <summary>
/// <c>release.deploy</c> and <c>release.restart</c>: read the image running now, change it by the workload's strategy
/// (set the Pulumi config key and <c>pulumi up</c>, or patch the Deployment as <c>kubectl set image</c> does; a restart
/// patches the restartedAt annotation), then follow the rollout to its <c>kubectl rollout status</c> verdict. The
/// release record gets the images, the verdict and the configuration; a failed rollout fails the job with its reason.
/// </summary>
public sealed class ReleaseJobHandler(
    EnvironmentStore environments,
    ITemplateCatalog catalog,
    EnvironmentClusterAccess clusters,
    EnvironmentStackPreparer preparer,
    RolloutTracker tracker,
    ReleaseStore releases,
    TimeProvider clock) : IJobHandler
{
    public async Task ExecuteAsync(JobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = context.GetPayload<ReleaseJobPayload>();
        var release = await releases.GetByJobAsync(context.JobId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Job {context.JobId} has no release record: release again instead of retrying.");
        var environment = await environments.GetAsync(release.EnvironmentId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Environment {release.EnvironmentId} no longer exists.");
        var finished = false;
        var stackFailed = false;

        // What the environment returns to: a release does not repair a stack a failed update left Failed; only a
        // successful pulumi up (the pulumi-config strategy) does.
        var settled = environment.Status == EnvironmentStatus.Failed ? EnvironmentStatus.Failed : EnvironmentStatus.Ready;
        try
        {
            if (environment.ArchivedAt is not null)
            {
                throw new InvalidOperationException($"Environment '{environment.Name}' was destroyed before this release ran.");
            }

            var template = catalog.Find(environment.TemplateName)
                ?? throw new InvalidOperationException($"Template '{environment.TemplateName}' is not loaded; the Settings page lists template problems.");
            var workload = template.Workloads.FirstOrDefault(w => w.Name == payload.Workload)
                ?? throw new InvalidOperationException($"Template '{template.Name}' no longer declares a workload named '{payload.Workload}'.");
            var target = WorkloadTarget.Resolve(template, workload, EnvironmentParameters.Read(environment));
            var cluster = await clusters.ConnectAsync(environment, context.CancellationToken)
                ?? throw new InvalidOperationException($"Environment '{environment.Name}' has no cluster yet (no kubeconfig in its outputs).");

            var deployment = await ReadDeploymentAsync(cluster.Client, target, context.CancellationToken);
            var before = WorkloadImageReader.ImageOf(deployment, target)
                ?? throw new InvalidOperationException($"Deployment {target.Namespace}/{target.Deployment} has no container named '{target.Container}'.");
            var after = payload.Kind == ReleaseKind.Restart ? before : payload.Image ?? throw new InvalidOperationException("The release names no image.");
            await releases.StartAsync(release.Id, before, after, context.CancellationToken);
            await environments.SetStatusAsync(environment.Id, EnvironmentStatus.Updating, context.CancellationToken);

            if (payload.Kind == ReleaseKind.Restart)
            {
                await context.LogAsync($"Restarting deployment {target.Namespace}/{target.Deployment} (kubectl rollout restart: a new restartedAt annotation).");
                await cluster.Client.RestartDeploymentAsync(target.Namespace, target.Deployment, clock.GetUtcNow(), context.CancellationToken);
            }
            else if (string.Equals(before, after, StringComparison.Ordinal))
            {
                await context.LogAsync($"Container {target.Container} already runs {after}; nothing to change, checking the rollout.");
            }
            else if (workload.Strategy == WorkloadReleaseStrategy.Patch)
            {
                await context.LogAsync($"Setting image of {target.Namespace}/{target.Deployment} container {target.Container}: {before} → {after} (strategic merge patch).");
                await cluster.Client.SetContainerImageAsync(target.Namespace, target.Deployment, target.Container, after, context.CancellationToken);
            }
            else
            {
                stackFailed = true;
                try
                {
                    await UpdateStackAsync(context, target, after);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // pulumi-kubernetes waits for the Deployment and gives up at its progress deadline: say why it never came up.
                    var problems = await tracker.InspectAsync(context, cluster.Client, target, CancellationToken.None);
                    var reason = ex is PulumiCommandException { Errors: [var first, ..] } ? $"pulumi up failed: {first}" : ex.Message;
                    throw problems.Count == 0 && reason == ex.Message
                        ? ex
                        : new InvalidOperationException(problems.Count == 0 ? reason : $"{reason.TrimEnd('.', ' ')}. {RolloutTracker.Describe(problems[0])}", ex);
                }

                stackFailed = false;
                settled = EnvironmentStatus.Ready;
            }

            var outcome = await tracker.TrackAsync(context, cluster.Client, target, context.CancellationToken);
            var succeeded = outcome.Verdict.IsDone;
            var message = succeeded || outcome.Problems.Count == 0
                ? outcome.Verdict.Message
                : $"{outcome.Verdict.Message}. {RolloutTracker.Describe(outcome.Problems[0])}";
            await releases.FinishAsync(release.Id, environment.Id, succeeded ? ReleaseStatus.Succeeded : ReleaseStatus.Failed, message, CancellationToken.None);
            finished = true;
            await environments.SetStatusAsync(environment.Id, settled, CancellationToken.None);
            context.Result = new ReleaseJobResult(release.Id, succeeded ? ReleaseStatus.Succeeded : ReleaseStatus.Failed, outcome.Verdict.Message, before, after, outcome.Problems);
            if (!succeeded)
            {
                throw new InvalidOperationException($"The rollout failed: {message}");
            }
        }
        catch (Exception ex) when (!finished)
        {
            var cancelled = ex is OperationCanceledException;
            await releases.FinishAsync(release.Id, environment.Id, cancelled ? ReleaseStatus.Cancelled : ReleaseStatus.Failed,
                cancelled ? "Cancelled before the rollout finished." : ex.Message, CancellationToken.None);
            if (environment.ArchivedAt is null)
            {
                // A failed pulumi up leaves the stack as an update does (Failed, with retry and destroy); a failed patch or
                // rollout leaves the environment as it was before the release.
                await environments.SetStatusAsync(environment.Id, stackFailed ? EnvironmentStatus.Failed : settled, CancellationToken.None);
            }

            throw;
        }
    }

    private static async Task<Kubernetes.Models.Deployment> ReadDeploymentAsync(IClusterClient client, WorkloadTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetAsync(KubernetesResources.Deployments, target.Namespace, target.Deployment, cancellationToken);
        }
        catch (KubernetesNotFoundException)
        {
            throw new InvalidOperationException($"Deployment {target.Namespace}/{target.Deployment} does not exist in the environment's cluster.");
        }
    }

    /// <summary>The pulumi-config strategy (seed 004): the image parameter changes, the stack is updated, as a settings change would.</summary>
    private async Task UpdateStackAsync(JobExecutionContext context, WorkloadTarget target, string image)
    {
        var parameter = target.ImageParameter
            ?? throw new InvalidOperationException($"No parameter of the template sets config key '{target.Workload.ImageConfigKey}'.");
        var stack = await preparer.OpenAsync(context);
        var values = new Dictionary<string, JsonNode?>(EnvironmentParameters.Read(stack.Environment), StringComparer.Ordinal)
        {
            [parameter.Name] = JsonValue.Create(image),
        };
        await preparer.WriteConfigAsync(stack, context, values, null, context.CancellationToken);
        await context.LogAsync($"Set config {parameter.ConfigKey} = {image}; running pulumi up on stack '{stack.Workspace.StackName}'.");
        var result = await preparer.UpAsync(stack, context, "updated");

        await environments.SaveOutputsAsync(stack.Environment.Id, result.Outputs, CancellationToken.None);
        await environments.SaveParametersAsync(stack.Environment.Id, EnvironmentParameters.ToJson(values).ToJsonString(), null, CancellationToken.None);
    }
}
