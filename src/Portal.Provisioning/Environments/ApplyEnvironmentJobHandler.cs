using Portal.Data.Entities;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Environments;

/// <summary>
/// <c>environment.provision</c> and <c>environment.update</c>: write the configuration, <c>pulumi up</c> with every step
/// streamed as job events, then store the outputs (and, for an update, the parameters it applied). Any failure or
/// cancellation leaves the environment Failed with its partial state; the page offers retry and destroy.
/// </summary>
public sealed class ApplyEnvironmentJobHandler(EnvironmentStackPreparer preparer, EnvironmentStore store) : IJobHandler
{
    public async Task ExecuteAsync(JobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = context.GetPayload<EnvironmentJobPayload>();
        var stack = await preparer.OpenAsync(context);
        var environmentId = stack.Environment.Id;
        var isProvision = context.Kind == EnvironmentJobKinds.Provision;
        await store.SetStatusAsync(environmentId, isProvision ? EnvironmentStatus.Provisioning : EnvironmentStatus.Updating, context.CancellationToken);
        try
        {
            var parametersJson = payload.Parameters?.ToJsonString() ?? stack.Environment.ParametersJson;
            await preparer.WriteConfigAsync(stack, context, EnvironmentParameters.Read(parametersJson), payload.ProtectedSecrets, context.CancellationToken);
            await context.LogAsync($"Running pulumi up on stack '{stack.Workspace.StackName}' ({stack.Template.DisplayName}).");
            var result = await preparer.UpAsync(stack, context, isProvision ? "created" : "updated");

            await store.SaveOutputsAsync(environmentId, result.Outputs, CancellationToken.None);
            if (!isProvision)
            {
                await store.SaveParametersAsync(environmentId, parametersJson, payload.ProtectedSecrets, CancellationToken.None);
            }

            await store.SetStatusAsync(environmentId, EnvironmentStatus.Ready, CancellationToken.None);
            context.Result = new ApplyJobResult(
                result.Summary?.ResourceChanges ?? new Dictionary<string, int>(), result.Summary?.DurationSeconds ?? (int)result.Duration.TotalSeconds,
                StackOutputsJson.ToMaskedJson(result.Outputs));
        }
        catch
        {
            await store.SetStatusAsync(environmentId, EnvironmentStatus.Failed, CancellationToken.None);
            throw;
        }
    }
}
