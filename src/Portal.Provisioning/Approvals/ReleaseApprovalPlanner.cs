using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Releases;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// Plans releases, rollbacks and restarts: the Deployment's live image before and the image after. A <c>patch</c> release
/// or a restart is one operation on the Deployment; a <c>pulumi-config</c> release is the <c>pulumi preview</c> of the
/// image parameter changed (what its job will run). A release made elsewhere in between changes the image before, so
/// the plan (and its hash) changes.
/// Also writes the release record with an approved job (<see cref="IApprovalExecutionCompanion"/>).
/// </summary>
public sealed class ReleaseApprovalPlanner(
    EnvironmentStore environments, ITemplateCatalog catalog, WorkloadImageReader images, ReleaseStore releases, StackApprovalPlanner stacks, TimeProvider clock)
    : IApprovalPlanner, IApprovalExecutionCompanion
{
    public bool CanPlan(string jobKind) => jobKind is ReleaseJobKinds.Deploy or ReleaseJobKinds.Restart;

    public bool Handles(string jobKind) => CanPlan(jobKind);

    public async Task<ApprovalPlan> PlanAsync(JobExecutionContext context, string jobKind, string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(context);
        var release = ReleaseApproval.Read(payloadJson);
        var (environment, target) = await ResolveAsync(context.EnvironmentId ?? 0, release.Workload, context.CancellationToken);
        var (before, problem) = await images.ReadAsync(environment, target, context.CancellationToken);
        if (before is null)
        {
            throw new InvalidOperationException(problem ?? "The workload's image could not be read.");
        }

        await context.LogAsync($"Planning: {target.Namespace}/{target.Deployment} runs {before} now.");
        var after = release.Kind == ReleaseKind.Restart ? before : release.Image;
        var image = new PlannedImage(target.Workload.Name, before, after);
        if (release.Kind != ReleaseKind.Restart && target.ImageParameter is { } parameter)
        {
            // The job sets the image parameter and runs pulumi up: the plan is that update's preview.
            var proposed = EnvironmentParameters.ToJson(new Dictionary<string, JsonNode?>(EnvironmentParameters.Read(environment), StringComparer.Ordinal)
            {
                [parameter.Name] = JsonValue.Create(after),
            });
            var stackPlan = await stacks.PlanAsync(context, EnvironmentJobKinds.Update,
                JsonSerializer.Serialize(new EnvironmentJobPayload { Parameters = proposed }, JobJson.Options));
            return stackPlan with { Images = [image] };
        }

        var changedKey = release.Kind == ReleaseKind.Restart
            ? "spec.template.metadata.annotations.kubectl.kubernetes.io/restartedAt"
            : $"spec.template.spec.containers[{target.Container}].image";
        var operation = new PlannedOperation(
            $"kubernetes:apps/v1:Deployment::{target.Namespace}/{target.Deployment}", "kubernetes:apps/v1:Deployment", "update", [changedKey], [], Destructive: false);
        return new ApprovalPlan([operation], [], [image], new Dictionary<string, int> { ["update"] = 1 });
    }

    public async Task AddAsync(PortalDbContext context, ApprovalRequest request, long jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var release = ReleaseApproval.Read(request.JobPayloadJson);
        var (_, target) = await ResolveAsync(request.EnvironmentId, release.Workload, cancellationToken);
        context.Releases.Add(RollbackRules.NewRecord(
            request.EnvironmentId, target, release.Kind, release.Image, release.RollbackOf, jobId, request.RequestedBy, clock.GetUtcNow()));
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task RefusedAsync(long jobId, string reason, CancellationToken cancellationToken)
    {
        if (await releases.GetByJobAsync(jobId, cancellationToken) is { Status: ReleaseStatus.Queued } release)
        {
            await releases.FinishAsync(release.Id, release.EnvironmentId, ReleaseStatus.Failed, reason, cancellationToken);
        }
    }

    private async Task<(EnvironmentRecord Environment, WorkloadTarget Target)> ResolveAsync(long environmentId, string workloadName, CancellationToken cancellationToken)
    {
        var environment = await environments.GetAsync(environmentId, cancellationToken)
            ?? throw new InvalidOperationException($"Environment {environmentId} no longer exists.");
        var template = catalog.Find(environment.TemplateName)
            ?? throw new InvalidOperationException($"Template '{environment.TemplateName}' is not loaded.");
        var workload = template.Workloads.FirstOrDefault(w => w.Name == workloadName)
            ?? throw new InvalidOperationException($"Template '{template.Name}' has no workload '{workloadName}' any more.");
        return (environment, WorkloadTarget.Resolve(template, workload, EnvironmentParameters.Read(environment)));
    }
}
