using Portal.Provisioning.Jobs;
using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Environments;

/// <summary><c>environment.drift-check</c>: <c>pulumi refresh --preview-only</c> compares the stack's state with the
/// cloud without changing either, and reports what changed outside the portal.</summary>
public sealed class DriftCheckJobHandler(IStackRunner runner, EnvironmentStackPreparer preparer) : IJobHandler
{
    // A refresh reports each resource as same (unchanged), update (changed outside) or delete (gone outside).
    private static readonly string[] s_driftOperations = ["update", "delete"];

    public async Task ExecuteAsync(JobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stack = await preparer.OpenAsync(context);
        await preparer.WriteConfigAsync(stack, context, EnvironmentParameters.Read(stack.Environment), null, context.CancellationToken);
        await context.LogAsync($"Running pulumi refresh --preview-only on stack '{stack.Workspace.StackName}'.");
        var refresh = await runner.PreviewRefreshAsync(stack.Workspace, new StackOperationOptions
        {
            OnProgress = StackProgressRelay.For(context),
            ForceCancellation = context.ForceCancellationToken,
        }, context.CancellationToken);
        if (refresh.Cancellation != CancellationOutcome.None)
        {
            throw new OperationCanceledException("The drift check was stopped.");
        }

        // The driver's refresh steps are exactly the resources that drifted: update (outputs changed, with the changed
        // keys) and delete (gone from the cloud).
        var count = Math.Max(s_driftOperations.Sum(op => refresh.ChangeSummary.GetValueOrDefault(op)), refresh.Steps.Count);
        var result = new DriftCheckResult(count > 0, refresh.ChangeSummary, refresh.Steps);
        context.Result = result;
        if (count == 0)
        {
            await context.LogAsync("No drift: the cloud matches the stack.");
            return;
        }

        await context.LogAsync($"Drift found: {count} resource(s) changed or deleted outside the portal.");
        foreach (var deleted in result.DeletedResources)
        {
            await context.LogAsync($"Resource {DeletedResource.Description}: {deleted.Name} ({deleted.Type}); the stack still records it.");
        }
    }
}
