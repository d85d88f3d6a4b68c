using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Pulumi;
using Portal.Provisioning.Secrets;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Environments;

/// <summary>What every environment job does first: find the environment and its template, prepare the workspace, select
/// (or create) the stack, and write the whole stack configuration from the parameters.</summary>
public sealed class EnvironmentStackPreparer(
    IStackRunner runner,
    ITemplateCatalog catalog,
    EnvironmentStore store,
    IEnvironmentQueryService environments,
    EnvironmentClusterAccess clusters,
    ISecretProtector protector)
{
    public async Task<EnvironmentStack> OpenAsync(JobExecutionContext job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var environmentId = job.EnvironmentId ?? throw new InvalidOperationException("The job names no environment.");
        var environment = await store.GetAsync(environmentId, job.CancellationToken)
            ?? throw new InvalidOperationException($"Environment {environmentId} no longer exists.");
        if (environment.ArchivedAt is not null)
        {
            throw new InvalidOperationException($"Environment '{environment.Name}' was destroyed before this job ran; there is nothing to do.");
        }

        var template = catalog.Find(environment.TemplateName)
            ?? throw new InvalidOperationException($"Template '{environment.TemplateName}' is not loaded; the Settings page lists template problems.");
        var workspace = await runner.PrepareWorkspaceAsync($"{environment.Name}-{environment.Id}", environment.StackName, template.ProgramDirectory, job.CancellationToken);
        if (await runner.CreateOrSelectStackAsync(workspace, job.CancellationToken))
        {
            await job.LogAsync($"Created stack '{environment.StackName}' of project '{workspace.ProjectName}'.");
        }

        return new EnvironmentStack(environment, template, workspace);
    }

    /// <summary>
    /// <c>pulumi up</c> on the prepared stack, every step streamed as job progress; a stopped run throws, saying what
    /// <paramref name="partly"/> state the stack may be left in ("created", "updated").
    /// </summary>
    public async Task<StackUpdateResult> UpAsync(EnvironmentStack stack, JobExecutionContext job, string partly)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(job);
        var result = await runner.UpAsync(stack.Workspace, new StackOperationOptions
        {
            OnProgress = StackProgressRelay.For(job),
            ForceCancellation = job.ForceCancellationToken,
            Message = job.Title,
        }, job.CancellationToken);
        return result.Cancellation == CancellationOutcome.None
            ? result
            : throw new OperationCanceledException($"pulumi up was stopped ({result.Cancellation}); the stack may be partly {partly}.");
    }

    /// <summary>
    /// Sets every parameter's config key: plain values in one <c>config set-all</c>, secrets one by one through stdin,
    /// cluster parameters as the named environment's kubeconfig (secret). A parameter without a value (cleared, or
    /// optional and never given) has its key removed with <c>config rm</c>, so a value set earlier does not linger in
    /// the stack's config. Secret values are registered with the job so no event shows them.
    /// <paramref name="protectedOverrides"/> replace stored secrets (a preview or update).
    /// </summary>
    public async Task WriteConfigAsync(
        EnvironmentStack stack,
        JobExecutionContext job,
        IReadOnlyDictionary<string, JsonNode?> values,
        IReadOnlyDictionary<string, string>? protectedOverrides,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(values);
        var secrets = await store.ReadSecretsAsync(stack.Environment.Id, EnvironmentSecretKind.Parameter, cancellationToken);
        foreach (var (name, value) in protectedOverrides ?? new Dictionary<string, string>())
        {
            secrets[name] = protector.Unprotect(value);
        }

        foreach (var secret in secrets.Values)
        {
            job.RegisterSecret(secret);
        }

        var plain = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var paths = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var unset = new List<TemplateParameter>();
        foreach (var parameter in stack.Template.Parameters)
        {
            if (parameter.Type == TemplateParameterType.Cluster)
            {
                if (values.GetValueOrDefault(parameter.Name) is JsonValue name && name.TryGetValue<string>(out var target))
                {
                    var kubeconfig = await ResolveKubeconfigAsync(parameter, target, cancellationToken);
                    job.RegisterSecret(kubeconfig);
                    await runner.SetConfigAsync(stack.Workspace, parameter.ConfigKey, new ConfigValue(kubeconfig, IsSecret: true), parameter.ConfigPath, cancellationToken);
                }
                else
                {
                    unset.Add(parameter);
                }
            }
            else if (parameter.Secret)
            {
                if (secrets.TryGetValue(parameter.Name, out var secret))
                {
                    await runner.SetConfigAsync(stack.Workspace, parameter.ConfigKey, new ConfigValue(secret, IsSecret: true), parameter.ConfigPath, cancellationToken);
                }
                else
                {
                    unset.Add(parameter);
                }
            }
            else if (values.GetValueOrDefault(parameter.Name) is { } value)
            {
                (parameter.ConfigPath ? paths : plain)[parameter.ConfigKey] = new ConfigValue(TemplateParameterBinder.ToConfigString(parameter, value));
            }
            else
            {
                unset.Add(parameter);
            }
        }

        // Removing a key that is not set is a no-op for the CLI; every job writes the whole config, so this also
        // catches a key left behind by a job that stopped half way. One process per --path mode, not one per key.
        foreach (var byPath in unset.GroupBy(p => p.ConfigPath))
        {
            await runner.RemoveAllConfigAsync(stack.Workspace, [.. byPath.Select(p => p.ConfigKey)], byPath.Key, cancellationToken);
        }

        if (plain.Count > 0)
        {
            await runner.SetAllConfigAsync(stack.Workspace, plain, path: false, cancellationToken);
        }

        if (paths.Count > 0)
        {
            await runner.SetAllConfigAsync(stack.Workspace, paths, path: true, cancellationToken);
        }
    }

    private async Task<string> ResolveKubeconfigAsync(TemplateParameter parameter, string environmentName, CancellationToken cancellationToken)
    {
        var target = await environments.FindAsync(environmentName, cancellationToken)
            ?? throw new InvalidOperationException($"{parameter.Label}: environment '{environmentName}' does not exist (any more).");
        return await clusters.GetKubeconfigAsync(target, cancellationToken)
            ?? throw new InvalidOperationException($"{parameter.Label}: environment '{environmentName}' has no kubeconfig output yet; wait until it is Ready.");
    }
}
