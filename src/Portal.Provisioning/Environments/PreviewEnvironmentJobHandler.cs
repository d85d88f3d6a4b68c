using Portal.Provisioning.Jobs;
using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Environments;

/// <summary>
/// <c>environment.preview</c>: the plan of changed parameters. The proposed configuration is written for the preview
/// only; the stored configuration is written back afterwards, whatever happened, so a preview never changes the stack.
/// </summary>
public sealed class PreviewEnvironmentJobHandler(IStackRunner runner, EnvironmentStackPreparer preparer) : IJobHandler
{
    public async Task ExecuteAsync(JobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = context.GetPayload<EnvironmentJobPayload>();
        var stack = await preparer.OpenAsync(context);
        var current = EnvironmentParameters.Read(stack.Environment);
        var proposed = payload.Parameters is null ? current : EnvironmentParameters.Read(payload.Parameters.ToJsonString());
        StackPreviewResult preview;
        try
        {
            await preparer.WriteConfigAsync(stack, context, proposed, payload.ProtectedSecrets, context.CancellationToken);
            await context.LogAsync($"Running pulumi preview on stack '{stack.Workspace.StackName}'.");
            preview = await runner.PreviewAsync(stack.Workspace, new StackOperationOptions
            {
                OnProgress = StackProgressRelay.For(context),
                ForceCancellation = context.ForceCancellationToken,
            }, context.CancellationToken);
        }
        finally
        {
            await preparer.WriteConfigAsync(stack, context, current, null, CancellationToken.None);
        }

        if (preview.Cancellation != CancellationOutcome.None)
        {
            throw new OperationCanceledException("The preview was stopped.");
        }

        var changes = ParameterChanges.Compare(stack.Template, current, proposed, payload.ProtectedSecrets?.Keys ?? []);
        context.Result = new PreviewJobResult(changes, preview.ChangeSummary, [.. preview.Steps.Where(s => s.Operation != "same")], preview.HasChanges);
    }
}
