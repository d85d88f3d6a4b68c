using System.Text.Json;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Access;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Releases;

/// <summary><see cref="IReleaseService"/>: validation first, then one job per change, queued with its release record and audit entry.</summary>
public sealed class ReleaseService(
    ITemplateCatalog catalog,
    IJobQueue queue,
    IEnvironmentQueryService environments,
    IReleaseQueryService releases,
    IEnvironmentService environmentService,
    WorkloadImageReader images,
    AccessGuard guard,
    IApprovalService approvals,
    TimeProvider clock) : IReleaseService
{
    public async Task<ReleasePreviewResult> PreviewAsync(ReleaseCommand command, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        if (await guard.DenyEnvironmentCommandAsync(actor, PortalAction.Release, null, "release.preview", command.Environment, cancellationToken) is { } forbidden)
        {
            return new ReleasePreviewResult(forbidden, null, null, null);
        }

        var (resolved, error) = await ResolveAsync(command.Environment, command.Workload, command.Image, requireImage: true, cancellationToken);
        if (resolved is null)
        {
            return new ReleasePreviewResult(error!, null, null, null);
        }

        var (environment, target, image) = resolved.Value;
        var (current, problem) = await images.ReadAsync(environment, target, cancellationToken);
        if (target.Workload.Strategy == WorkloadReleaseStrategy.Patch)
        {
            var result = current is null
                ? EnvironmentCommandResult.Conflict(problem!)
                : new EnvironmentCommandResult(EnvironmentCommandStatus.Accepted, null, environment.Name, new Dictionary<string, string[]>(), null);
            return new ReleasePreviewResult(result, target.StrategyName, current, image);
        }

        // The Pulumi diff: the image parameter changed, everything else as it is, through the settings preview.
        var preview = await environmentService.PreviewChangesAsync(
            environment.Name, new Dictionary<string, JsonElement> { [target.ImageParameter!.Name] = JsonSerializer.SerializeToElement(image) }, actor, cancellationToken);
        return new ReleasePreviewResult(preview, target.StrategyName, current, image);
    }

    public async Task<EnvironmentCommandResult> ReleaseAsync(ReleaseCommand command, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        if (await guard.DenyEnvironmentCommandAsync(actor, PortalAction.Release, null, "release.create", command.Environment, cancellationToken) is { } forbidden)
        {
            return forbidden;
        }

        var (resolved, error) = await ResolveAsync(command.Environment, command.Workload, command.Image, requireImage: true, cancellationToken);
        if (resolved is null)
        {
            return error!;
        }

        var (environment, target, image) = resolved.Value;
        return await QueueAsync(environment, target, ReleaseKind.Release, image, null, actor,
            $"Release {image} to {target.Workload.Name} of {environment.Name}", "release.create", cancellationToken);
    }

    public async Task<EnvironmentCommandResult> RollbackAsync(string environment, string workload, long? toReleaseId, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await guard.DenyEnvironmentCommandAsync(actor, PortalAction.Release, null, "release.rollback", environment, cancellationToken) is { } forbidden)
        {
            return forbidden;
        }

        var (resolved, error) = await ResolveAsync(environment, workload, null, requireImage: false, cancellationToken);
        if (resolved is null)
        {
            return error!;
        }

        var (record, target, _) = resolved.Value;
        ReleaseSummary? source;
        string? image;
        if (toReleaseId is { } id)
        {
            source = await releases.GetAsync(id, cancellationToken);
            if (source is null || source.EnvironmentName != record.Name || source.Workload != target.Workload.Name)
            {
                return EnvironmentCommandResult.NotFound($"Release {id} is not a release of workload '{target.Workload.Name}' in '{record.Name}'.");
            }

            if (source.Status is ReleaseStatus.Queued or ReleaseStatus.RollingOut)
            {
                return EnvironmentCommandResult.Conflict($"Release {id} is still {(source.Status == ReleaseStatus.Queued ? "queued" : "rolling out")}; cancel its job instead.");
            }

            image = RollbackRules.TargetImage(source);
        }
        else
        {
            // kubectl rollout undo: back to the image before the latest change of image.
            var recent = await releases.ListAsync(new ReleaseFilter(record.Name, target.Workload.Name), 0, RollbackRules.SearchDepth, cancellationToken);
            if (recent.Items.FirstOrDefault(r => r.Status is ReleaseStatus.Queued or ReleaseStatus.RollingOut) is { } running)
            {
                return EnvironmentCommandResult.Conflict($"Release {running.Id} of '{target.Workload.Name}' is still {(running.Status == ReleaseStatus.Queued ? "queued" : "rolling out")}; cancel its job instead.");
            }

            var (runningImage, _) = await images.ReadAsync(record, target, cancellationToken);
            source = RollbackRules.UndoSource(recent.Items, runningImage);
            image = source?.ImageBefore;
        }

        if (source is null || image is null)
        {
            return EnvironmentCommandResult.Conflict($"There is no earlier image of '{target.Workload.Name}' in '{record.Name}' to roll back to.");
        }

        return await QueueAsync(record, target, ReleaseKind.Rollback, image, source.Id, actor,
            $"Roll back {target.Workload.Name} of {record.Name} to {image}", "release.rollback", cancellationToken);
    }

    public async Task<EnvironmentCommandResult> RestartAsync(string environment, string workload, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await guard.DenyEnvironmentCommandAsync(actor, PortalAction.Release, null, "release.restart", environment, cancellationToken) is { } forbidden)
        {
            return forbidden;
        }

        var (resolved, error) = await ResolveAsync(environment, workload, null, requireImage: false, cancellationToken);
        if (resolved is null)
        {
            return error!;
        }

        var (record, target, _) = resolved.Value;
        return await QueueAsync(record, target, ReleaseKind.Restart, null, null, actor,
            $"Restart {target.Workload.Name} of {record.Name}", "release.restart", cancellationToken);
    }

    private async Task<EnvironmentCommandResult> QueueAsync(
        EnvironmentRecord environment, WorkloadTarget target, ReleaseKind kind, string? image, long? rollbackOf, ActorContext actor,
        string title, string auditAction, CancellationToken cancellationToken)
    {
        var jobKind = kind == ReleaseKind.Restart ? ReleaseJobKinds.Restart : ReleaseJobKinds.Deploy;
        if (approvals.RequiresApproval(environment.Class))
        {
            // Protected: the release record is written with the job once approved (ReleaseApprovalPlanner).
            return await approvals.RequestAsync(new ApprovalSubmission(environment.Id, environment.Name, environment.Class, kind.ToString().ToLowerInvariant(), new JobRequest
            {
                Kind = jobKind,
                Title = title,
                EnvironmentId = environment.Id,
                EnvironmentName = environment.Name,
                Payload = new ReleaseApproval(target.Workload.Name, kind, image, rollbackOf).ToPayload(),
                RequestedBy = actor.Name,
                Audit = new JobAudit(auditAction, $"environment/{environment.Name}/workloads/{target.Workload.Name}",
                    new { workload = target.Workload.Name, image, strategy = target.StrategyName, rollbackOf }, actor.RemoteAddress),
            }), actor, cancellationToken);
        }

        ReleaseRecord? release = null;
        var jobId = await queue.EnqueueAsync(new JobRequest
        {
            Kind = jobKind,
            Title = title,
            EnvironmentId = environment.Id,
            EnvironmentName = environment.Name,
            Payload = new ReleaseJobPayload(target.Workload.Name, kind, image),
            RequestedBy = actor.Name,
            Audit = new JobAudit(auditAction, $"environment/{environment.Name}/workloads/{target.Workload.Name}",
                new { workload = target.Workload.Name, image, strategy = target.StrategyName, rollbackOf }, actor.RemoteAddress),
            WithJob = async (context, newJobId, ct) =>
            {
                release = RollbackRules.NewRecord(environment.Id, target, kind, image, rollbackOf, newJobId, actor.Name, clock.GetUtcNow());
                context.Releases.Add(release);
                await context.SaveChangesAsync(ct);
            },
        }, cancellationToken: cancellationToken);
        return EnvironmentCommandResult.Accepted(jobId, environment.Name) with { ReleaseId = release!.Id };
    }

    /// <summary>The environment, the workload and the image, or the result that says what is wrong (every field at once).</summary>
    private async Task<((EnvironmentRecord Environment, WorkloadTarget Target, string? Image)? Resolved, EnvironmentCommandResult? Error)> ResolveAsync(
        string environmentName, string? workloadName, string? image, bool requireImage, CancellationToken cancellationToken)
    {
        if (await environments.FindAsync(environmentName, cancellationToken) is not { } environment)
        {
            return (null, EnvironmentCommandResult.NotFound($"No environment named '{environmentName}'."));
        }

        if (catalog.Find(environment.TemplateName) is not { } template)
        {
            return (null, EnvironmentCommandResult.Conflict($"Template '{environment.TemplateName}' is not loaded; the Settings page lists template problems."));
        }

        var errors = new FieldErrors();
        var available = string.Join(", ", template.Workloads.Select(w => w.Name));
        var workload = string.IsNullOrWhiteSpace(workloadName) ? null : template.Workloads.FirstOrDefault(w => w.Name == workloadName);
        if (template.Workloads.Count == 0)
        {
            errors.Add("workload", $"Template '{template.Name}' declares no workloads to release.");
        }
        else if (string.IsNullOrWhiteSpace(workloadName))
        {
            errors.Add("workload", $"Workload is required; '{environmentName}' has: {available}.");
        }
        else if (workload is null)
        {
            errors.Add("workload", $"Unknown workload '{workloadName}'; '{environmentName}' has: {available}.");
        }

        string? normalized = null;
        if (requireImage)
        {
            if (ImageReference.TryParse(image, out var reference, out var imageError))
            {
                normalized = reference.ToString();
            }
            else
            {
                errors.Add("image", imageError);
            }
        }

        if (!errors.IsEmpty || workload is null)
        {
            return (null, EnvironmentCommandResult.Invalid(errors.ToDictionary()));
        }

        if (environment.OutputsJson is null)
        {
            return (null, EnvironmentCommandResult.Conflict(
                $"Environment '{environmentName}' is {environment.Status.ToString().ToLowerInvariant()} and has no cluster yet; release once it is Ready."));
        }

        return ((environment, WorkloadTarget.Resolve(template, workload, EnvironmentParameters.Read(environment)), normalized), null);
    }
}
