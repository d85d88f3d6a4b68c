using Portal.Provisioning.Jobs;
using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Environments;

/// <summary>
/// The recovery actions after an interrupted run (reference: pulumi-cli.md, locks and pending operations):
/// <c>environment.unlock</c> runs <c>pulumi cancel</c>, which removes the lock a killed CLI left;
/// <c>environment.clear-pending</c> exports and re-imports the state, which drops the pending operations.
/// </summary>
public sealed class StackMaintenanceJobHandler(IStackRunner runner, EnvironmentStackPreparer preparer) : IJobHandler
{
    public async Task ExecuteAsync(JobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stack = await preparer.OpenAsync(context);
        if (context.Kind == EnvironmentJobKinds.Unlock)
        {
            await runner.CancelAsync(stack.Workspace, context.CancellationToken);
            await context.LogAsync($"Stack '{stack.Workspace.StackName}' is unlocked: later operations can run.");
            context.Result = new { unlocked = true };
        }
        else
        {
            var cleared = await runner.ClearPendingOperationsAsync(stack.Workspace, context.CancellationToken);
            await context.LogAsync(cleared == 0
                ? "The stack had no pending operations."
                : $"Cleared {cleared} pending operation(s); resources they were creating may exist in the cloud without being in the state — run a drift check.");
            context.Result = new { clearedPendingOperations = cleared };
        }
    }
}
