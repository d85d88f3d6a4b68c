using Portal.Data.Entities;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Pulumi;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Environments;

/// <summary>
/// <c>environment.destroy</c>: drain the cluster's load balancers (seed 000's manual step), <c>pulumi destroy</c>,
/// <c>pulumi stack rm</c>, then archive the environment; its jobs and audit entries stay.
/// </summary>
public sealed class DestroyEnvironmentJobHandler(
    IStackRunner runner, EnvironmentStackPreparer preparer, EnvironmentStore store, EnvironmentClusterAccess clusters, LoadBalancerDrainer drainer) : IJobHandler
{
    public async Task ExecuteAsync(JobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stack = await preparer.OpenAsync(context);
        var environment = stack.Environment;
        await store.SetStatusAsync(environment.Id, EnvironmentStatus.Destroying, context.CancellationToken);
        try
        {
            // Destroy runs the providers too, which need their configuration (the kubernetes provider its kubeconfig).
            await preparer.WriteConfigAsync(stack, context, EnvironmentParameters.Read(environment), null, context.CancellationToken);
            await DrainLoadBalancersAsync(stack, context);

            await context.LogAsync($"Running pulumi destroy on stack '{stack.Workspace.StackName}'.");
            var result = await runner.DestroyAsync(stack.Workspace, new StackOperationOptions
            {
                OnProgress = StackProgressRelay.For(context),
                ForceCancellation = context.ForceCancellationToken,
                Message = context.Title,
            }, context.CancellationToken);
            if (result.Cancellation != CancellationOutcome.None)
            {
                throw new OperationCanceledException($"pulumi destroy was stopped ({result.Cancellation}); some resources may remain.");
            }

            await runner.RemoveStackAsync(stack.Workspace, force: false, context.CancellationToken);
            await context.LogAsync($"Removed stack '{stack.Workspace.StackName}'.");
            await store.ArchiveAsync(environment.Id, CancellationToken.None);
            context.Result = new { resourceChanges = result.Summary?.ResourceChanges, durationSeconds = result.Summary?.DurationSeconds };
        }
        catch
        {
            await store.SetStatusAsync(environment.Id, EnvironmentStatus.Failed, CancellationToken.None);
            throw;
        }
    }

    private async Task DrainLoadBalancersAsync(EnvironmentStack stack, JobExecutionContext context)
    {
        if (stack.Template.Parameters.Any(p => p.Type == TemplateParameterType.Cluster))
        {
            // It runs on another environment's cluster: its own Services go with its stack, the others are not ours.
            await context.LogAsync("Preflight: this environment runs on another environment's cluster; its load balancers are removed by the destroy itself.");
            return;
        }

        var cluster = await clusters.ConnectAsync(stack.Environment, context.CancellationToken);
        if (cluster is null)
        {
            await context.LogAsync("Preflight: the stack has no kubeconfig output (never provisioned?); no load balancers to drain.");
            return;
        }

        await drainer.DrainAsync(cluster.Client, context, context.CancellationToken);
    }
}
