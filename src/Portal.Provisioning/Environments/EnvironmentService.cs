using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Access;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Secrets;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Environments;

/// <summary><see cref="IEnvironmentService"/>: validation first, then one job per operation queued with its audit entry.</summary>
public sealed class EnvironmentService(
    ITemplateCatalog catalog,
    IJobQueue queue,
    IEnvironmentQueryService environments,
    IJobQueryService jobs,
    IDbContextFactory<PortalDbContext> contextFactory,
    ISecretProtector protector,
    AccessGuard guard,
    IApprovalService approvals,
    TimeProvider clock) : IEnvironmentService
{
    /// <summary>The job kinds that change an environment's stack or workloads (a List: EF 6 cannot translate the span Contains C# 13 binds an array to).</summary>
    private static readonly List<string> s_stackChanges =
        [EnvironmentJobKinds.Provision, EnvironmentJobKinds.Update, EnvironmentJobKinds.Destroy, Releases.ReleaseJobKinds.Deploy, Releases.ReleaseJobKinds.Restart];

    public async Task<EnvironmentCommandResult> CreateAsync(CreateEnvironmentCommand command, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        if (await guard.DenyEnvironmentCommandAsync(actor, PortalAction.CreateEnvironment, command.Class, "environment.create", command.Name, cancellationToken) is { } forbidden)
        {
            return forbidden;
        }

        var errors = new FieldErrors();
        errors.Add("name", EnvironmentNameRules.Validate(command.Name));
        if (errors.IsEmpty && await environments.FindAsync(command.Name!, cancellationToken) is not null)
        {
            errors.Add("name", $"An environment named '{command.Name}' already exists.");
        }

        var template = string.IsNullOrWhiteSpace(command.Template) ? null : catalog.Find(command.Template);
        if (template is null)
        {
            errors.Add("template", string.IsNullOrWhiteSpace(command.Template)
                ? "Template is required."
                : $"Unknown template '{command.Template}'. Available: {string.Join(", ", catalog.Templates.Select(t => t.Name))}.");
        }

        if (command.Class is not { } environmentClass)
        {
            errors.Add("class", "Class is required: development, staging, production or ephemeral.");
        }
        else if (template is not null && !template.Classes.Contains(environmentClass))
        {
            errors.Add("class", $"Template '{template.Name}' cannot make {environmentClass.ToString().ToLowerInvariant()} environments; allowed: {string.Join(", ", template.Classes.Select(c => c.ToString().ToLowerInvariant()))}.");
        }

        ParameterBindingResult? binding = null;
        if (template is not null)
        {
            binding = TemplateParameterBinder.Bind(template, command.Parameters ?? new Dictionary<string, JsonElement>());
            errors.AddAll(binding.Errors);
            await ValidateClusterParametersAsync(template, binding, command.Name, errors, cancellationToken);
        }

        if (!errors.IsEmpty || template is null || binding is null)
        {
            return EnvironmentCommandResult.Invalid(errors.ToDictionary());
        }

        var name = command.Name!;
        var now = clock.GetUtcNow();
        var request = new JobRequest
        {
            Kind = EnvironmentJobKinds.Provision,
            Title = $"Provision {name}",
            EnvironmentName = name,
            Payload = new EnvironmentJobPayload(),
            RequestedBy = actor.Name,
            Audit = new JobAudit("environment.create", $"environment/{name}", new
            {
                template = template.Name,
                @class = command.Class,
                parameters = EnvironmentParameters.ToJson(binding.Values),
                secrets = binding.Secrets.Keys.Order(StringComparer.Ordinal).ToArray(),
            }, actor.RemoteAddress),
        };
        try
        {
            var jobId = await queue.EnqueueAsync(request, async (context, ct) =>
            {
                var environment = new EnvironmentRecord
                {
                    Name = name,
                    StackName = name,
                    TemplateName = template.Name,
                    Class = command.Class!.Value,
                    Status = EnvironmentStatus.Pending,
                    ParametersJson = EnvironmentParameters.ToJson(binding.Values).ToJsonString(),
                    CreatedBy = actor.Name,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                context.Environments.Add(environment);
                await context.SaveChangesAsync(ct);
                foreach (var (parameter, value) in binding.Secrets)
                {
                    context.EnvironmentSecrets.Add(new EnvironmentSecret
                    {
                        EnvironmentId = environment.Id,
                        Kind = EnvironmentSecretKind.Parameter,
                        Name = parameter,
                        ProtectedValue = protector.Protect(value),
                        UpdatedAt = now,
                    });
                }

                return environment.Id;
            }, cancellationToken);
            return EnvironmentCommandResult.Accepted(jobId, name);
        }
        catch (DbUpdateException)
        {
            // Another request created the same name between our check and our insert (the unique index caught it).
            if (await environments.FindAsync(name, CancellationToken.None) is not null)
            {
                return EnvironmentCommandResult.Invalid("name", $"An environment named '{name}' already exists.");
            }

            throw;
        }
    }

    public Task<EnvironmentCommandResult> PreviewChangesAsync(
        string name, IReadOnlyDictionary<string, JsonElement> parameters, ActorContext actor, CancellationToken cancellationToken = default) =>
        QueueParameterChangeAsync(name, parameters, actor, EnvironmentJobKinds.Preview, cancellationToken);

    public Task<EnvironmentCommandResult> UpdateAsync(
        string name, IReadOnlyDictionary<string, JsonElement> parameters, ActorContext actor, CancellationToken cancellationToken = default) =>
        QueueParameterChangeAsync(name, parameters, actor, EnvironmentJobKinds.Update, cancellationToken);

    public async Task<EnvironmentCommandResult> ApplyPreviewAsync(string name, long previewJobId, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await guard.DenyEnvironmentCommandAsync(actor, PortalAction.ChangeSettings, null, "environment.update", name, cancellationToken) is { } forbidden)
        {
            return forbidden;
        }

        if (await environments.FindAsync(name, cancellationToken) is not { } environment)
        {
            return NotFound(name);
        }

        var preview = await jobs.GetAsync(previewJobId, cancellationToken);
        if (preview is null || preview.EnvironmentId != environment.Id || preview.Kind != EnvironmentJobKinds.Preview)
        {
            return EnvironmentCommandResult.NotFound($"Job {previewJobId} is not a preview of environment '{name}'.");
        }

        if (preview.State != JobState.Succeeded)
        {
            return EnvironmentCommandResult.Conflict($"Preview job {previewJobId} is {preview.State}; only a succeeded preview can be applied.");
        }

        var payload = JsonSerializer.Deserialize<EnvironmentJobPayload>(preview.PayloadJson, JobJson.Options) ?? new EnvironmentJobPayload();
        return await SubmitAsync(environment, "update", new JobRequest
        {
            Kind = EnvironmentJobKinds.Update,
            Title = $"Update {name}",
            EnvironmentId = environment.Id,
            EnvironmentName = name,
            Payload = payload,
            RequestedBy = actor.Name,
            Audit = new JobAudit("environment.update", $"environment/{name}", new { previewJobId, parameters = payload.Parameters, secrets = payload.ProtectedSecrets?.Keys.ToArray() }, actor.RemoteAddress),
        }, actor, cancellationToken);
    }

    public Task<EnvironmentCommandResult> CheckDriftAsync(string name, ActorContext actor, CancellationToken cancellationToken = default) =>
        QueueSimpleAsync(name, actor, PortalAction.CheckDrift, EnvironmentJobKinds.DriftCheck, $"Drift check {name}", "environment.drift-check", cancellationToken);

    public async Task<EnvironmentCommandResult> DestroyAsync(string name, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await guard.DenyEnvironmentCommandAsync(actor, PortalAction.DestroyEnvironment, null, "environment.destroy", name, cancellationToken) is { } forbidden)
        {
            return forbidden;
        }

        if (await environments.FindAsync(name, cancellationToken) is not { } environment)
        {
            return NotFound(name);
        }

        if (await guard.DenyEnvironmentCommandAsync(actor, PortalAction.DestroyEnvironment, environment.Class, "environment.destroy", name, cancellationToken) is { } forbiddenByClass)
        {
            return forbiddenByClass;
        }

        var dependents = await FindDependentsAsync(environment.Name, cancellationToken);
        if (dependents.Count > 0)
        {
            return EnvironmentCommandResult.Conflict(
                $"Environment(s) {string.Join(", ", dependents)} run on the cluster of '{name}'; destroy them first.");
        }

        return await QueueSimpleAsync(name, actor, PortalAction.DestroyEnvironment, EnvironmentJobKinds.Destroy, $"Destroy {name}", "environment.destroy", cancellationToken);
    }

    public async Task<EnvironmentCommandResult> RetryAsync(string name, long jobId, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await guard.DenyEnvironmentCommandAsync(actor, PortalAction.ChangeSettings, null, "environment.retry", name, cancellationToken) is { } forbidden)
        {
            return forbidden;
        }

        if (await environments.FindAsync(name, cancellationToken) is not { } environment)
        {
            return NotFound(name);
        }

        var job = await jobs.GetAsync(jobId, cancellationToken);
        if (job is null || job.EnvironmentId != environment.Id)
        {
            return EnvironmentCommandResult.NotFound($"Job {jobId} is not a job of environment '{name}'.");
        }

        // A retry runs the same operation again, so it needs what that operation needs (a production destroy: Admin).
        if (await guard.DenyEnvironmentCommandAsync(actor, ActionOf(job.Kind), environment.Class, "environment.retry", name, cancellationToken) is { } forbiddenByKind)
        {
            return forbiddenByKind;
        }

        if (job.State is not (JobState.Failed or JobState.Cancelled or JobState.Interrupted) || !EnvironmentJobKinds.Retryable.Contains(job.Kind))
        {
            return EnvironmentCommandResult.Conflict($"Job {jobId} ({job.Kind}) is {job.State}; only a failed, cancelled or interrupted operation can be retried.");
        }

        // Only the latest change to the stack: re-running an older one (a provision months later, say) would apply stale
        // settings over everything done since, past any approval. Maintenance, previews and drift checks in between
        // (the unlock and clear-pending of a crash recovery) do not count.
        if (s_stackChanges.Contains(job.Kind) && await LatestStackChangeAsync(environment.Id, cancellationToken) is { } latest && latest != jobId)
        {
            return EnvironmentCommandResult.Conflict($"Job {jobId} is not the latest change to '{name}' (job {latest} is); only the latest can be retried.");
        }

        var payload = (JsonSerializer.Deserialize<EnvironmentJobPayload>(job.PayloadJson, JobJson.Options) ?? new EnvironmentJobPayload()) with { RetryOf = jobId };
        return await SubmitAsync(environment, "retry", new JobRequest
        {
            Kind = job.Kind,
            Title = job.Title.StartsWith("Retry: ", StringComparison.Ordinal) ? job.Title : $"Retry: {job.Title}",
            EnvironmentId = environment.Id,
            EnvironmentName = name,
            Payload = payload,
            RequestedBy = actor.Name,
            Audit = new JobAudit("environment.retry", $"environment/{name}", new { retryOf = jobId, kind = job.Kind }, actor.RemoteAddress),
        }, actor, cancellationToken);
    }

    public Task<EnvironmentCommandResult> UnlockStackAsync(string name, ActorContext actor, CancellationToken cancellationToken = default) =>
        QueueSimpleAsync(name, actor, PortalAction.RecoverStack, EnvironmentJobKinds.Unlock, $"Cancel stack lock of {name}", "environment.unlock", cancellationToken);

    public Task<EnvironmentCommandResult> ClearPendingOperationsAsync(string name, ActorContext actor, CancellationToken cancellationToken = default) =>
        QueueSimpleAsync(name, actor, PortalAction.RecoverStack, EnvironmentJobKinds.ClearPending, $"Clear pending operations of {name}", "environment.clear-pending", cancellationToken);

    public async Task<OutputRevealResult> RevealOutputAsync(string name, string output, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var decision = await guard.CheckAsync(actor, PortalAction.RevealSecret, null, "environment.output.reveal", $"environment/{name}/outputs/{output}", name, cancellationToken);
        if (!decision.Allowed)
        {
            return new OutputRevealResult(null, decision.Reason) { Forbidden = true };
        }

        if (await environments.FindAsync(name, cancellationToken) is not { } environment)
        {
            return new OutputRevealResult(null, $"No environment named '{name}'.");
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var secret = await context.EnvironmentSecrets.AsNoTracking()
            .FirstOrDefaultAsync(s => s.EnvironmentId == environment.Id && s.Kind == EnvironmentSecretKind.Output && s.Name == output, cancellationToken);
        var outcome = secret is null ? "not-found" : "revealed";
        context.AuditEntries.Add(new AuditEntry
        {
            Time = clock.GetUtcNow(),
            Actor = actor.Name,
            Action = "environment.output.reveal",
            Target = $"environment/{name}/outputs/{output}",
            EnvironmentName = name,
            DetailsJson = JsonSerializer.Serialize(new { output }, JobJson.Options),
            Outcome = outcome,
            RemoteAddress = actor.RemoteAddress,
        });
        await context.SaveChangesAsync(cancellationToken);
        return secret is null
            ? new OutputRevealResult(null, $"'{output}' is not a secret output of '{name}'.")
            : new OutputRevealResult(protector.Unprotect(secret.ProtectedValue), null);
    }

    private async Task<EnvironmentCommandResult> QueueParameterChangeAsync(
        string name, IReadOnlyDictionary<string, JsonElement> parameters, ActorContext actor, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(actor);
        var auditAction = kind == EnvironmentJobKinds.Preview ? "environment.preview" : "environment.update";
        if (await guard.DenyEnvironmentCommandAsync(actor, PortalAction.ChangeSettings, null, auditAction, name, cancellationToken) is { } forbidden)
        {
            return forbidden;
        }

        if (await environments.FindAsync(name, cancellationToken) is not { } environment)
        {
            return NotFound(name);
        }

        if (catalog.Find(environment.TemplateName) is not { } template)
        {
            return EnvironmentCommandResult.Conflict($"Template '{environment.TemplateName}' is not loaded; the Settings page lists template problems.");
        }

        var current = EnvironmentParameters.Read(environment);
        var binding = TemplateParameterBinder.Bind(template, parameters, current);
        var errors = new FieldErrors();
        errors.AddAll(binding.Errors);
        await ValidateClusterParametersAsync(template, binding, name, errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return EnvironmentCommandResult.Invalid(errors.ToDictionary());
        }

        var changes = ParameterChanges.Compare(template, current, binding.Values, binding.Secrets.Keys);
        var isPreview = kind == EnvironmentJobKinds.Preview;
        return await SubmitAsync(environment, "update", new JobRequest
        {
            Kind = kind,
            Title = isPreview ? $"Preview changes to {name}" : $"Update {name}",
            EnvironmentId = environment.Id,
            EnvironmentName = name,
            Payload = new EnvironmentJobPayload
            {
                Parameters = EnvironmentParameters.ToJson(binding.Values),
                ProtectedSecrets = binding.Secrets.ToDictionary(s => s.Key, s => protector.Protect(s.Value), StringComparer.Ordinal),
            },
            RequestedBy = actor.Name,
            Audit = new JobAudit(isPreview ? "environment.preview" : "environment.update", $"environment/{name}", new { changes }, actor.RemoteAddress),
        }, actor, cancellationToken);
    }

    private async Task<EnvironmentCommandResult> QueueSimpleAsync(
        string name, ActorContext actor, PortalAction action, string kind, string title, string auditAction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await guard.DenyEnvironmentCommandAsync(actor, action, null, auditAction, name, cancellationToken) is { } forbidden)
        {
            return forbidden;
        }

        if (await environments.FindAsync(name, cancellationToken) is not { } environment)
        {
            return NotFound(name);
        }

        if (await guard.DenyEnvironmentCommandAsync(actor, action, environment.Class, auditAction, name, cancellationToken) is { } forbiddenByClass)
        {
            return forbiddenByClass;
        }

        return await SubmitAsync(environment, kind == EnvironmentJobKinds.Destroy ? "destroy" : auditAction, new JobRequest
        {
            Kind = kind,
            Title = title,
            EnvironmentId = environment.Id,
            EnvironmentName = name,
            Payload = new EnvironmentJobPayload(),
            RequestedBy = actor.Name,
            Audit = new JobAudit(auditAction, $"environment/{name}", null, actor.RemoteAddress),
        }, actor, cancellationToken);
    }

    /// <summary>Queues the job, or, when its kind is gated and the environment protected, asks for approval first.</summary>
    private async Task<EnvironmentCommandResult> SubmitAsync(
        EnvironmentRecord environment, string operation, JobRequest request, ActorContext actor, CancellationToken cancellationToken) =>
        ApprovalJobKinds.Gated.Contains(request.Kind) && approvals.RequiresApproval(environment.Class)
            ? await approvals.RequestAsync(new ApprovalSubmission(environment.Id, environment.Name, environment.Class, operation, request), actor, cancellationToken)
            : EnvironmentCommandResult.Accepted(await queue.EnqueueAsync(request, cancellationToken: cancellationToken), environment.Name);

    private async Task ValidateClusterParametersAsync(
        EnvironmentTemplate template, ParameterBindingResult binding, string? selfName, FieldErrors errors, CancellationToken cancellationToken)
    {
        foreach (var parameter in template.Parameters.Where(p => p.Type == TemplateParameterType.Cluster))
        {
            var field = $"parameters.{parameter.Name}";
            if (errors.Contains(field)
                || binding.Values.GetValueOrDefault(parameter.Name) is not JsonValue value
                || !value.TryGetValue<string>(out var target))
            {
                continue;
            }

            var environment = target == selfName ? null : await environments.FindAsync(target, cancellationToken);
            if (environment is null)
            {
                errors.Add(field, $"No environment named '{target}' to run on.");
            }
            else if (catalog.Find(environment.TemplateName)?.KubeconfigOutput is null)
            {
                errors.Add(field, $"Environment '{target}' has no cluster (its template exports no kubeconfig).");
            }
            else if (environment.OutputsJson is null)
            {
                errors.Add(field, $"Environment '{target}' is {environment.Status.ToString().ToLowerInvariant()} and has no outputs yet; wait until it is Ready.");
            }
        }
    }

    /// <summary>Live environments whose cluster parameter names <paramref name="clusterEnvironment"/>.</summary>
    private async Task<List<string>> FindDependentsAsync(string clusterEnvironment, CancellationToken cancellationToken)
    {
        var templates = catalog.Templates.Where(t => t.Parameters.Any(p => p.Type == TemplateParameterType.Cluster)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        if (templates.Count == 0)
        {
            return [];
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await context.Environments.AsNoTracking()
            .Where(e => e.ArchivedAt == null && templates.Keys.Contains(e.TemplateName))
            .Select(e => new { e.Name, e.TemplateName, e.ParametersJson })
            .ToListAsync(cancellationToken);
        return [.. candidates
            .Where(c => templates[c.TemplateName].Parameters.Where(p => p.Type == TemplateParameterType.Cluster)
                .Any(p => EnvironmentParameters.Read(c.ParametersJson).GetValueOrDefault(p.Name) is JsonValue v && v.TryGetValue<string>(out var s) && s == clusterEnvironment))
            .Select(c => c.Name)];
    }

    private static PortalAction ActionOf(string jobKind) => jobKind switch
    {
        EnvironmentJobKinds.Provision => PortalAction.CreateEnvironment,
        EnvironmentJobKinds.Destroy => PortalAction.DestroyEnvironment,
        EnvironmentJobKinds.DriftCheck => PortalAction.CheckDrift,
        EnvironmentJobKinds.Unlock or EnvironmentJobKinds.ClearPending => PortalAction.RecoverStack,
        _ => PortalAction.ChangeSettings,
    };

    private async Task<long?> LatestStackChangeAsync(long environmentId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Jobs.AsNoTracking()
            .Where(j => j.EnvironmentId == environmentId && s_stackChanges.Contains(j.Kind))
            .MaxAsync(j => (long?)j.Id, cancellationToken);
    }

    private static EnvironmentCommandResult NotFound(string name) => EnvironmentCommandResult.NotFound($"No environment named '{name}'.");
}
