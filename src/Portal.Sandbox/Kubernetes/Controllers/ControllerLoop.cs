using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>
/// Runs every controller in one loop (so they never race each other): a pass after any store change, batched at most
/// every few milliseconds, or when the earliest simulated timer is due. A pass does nothing when nothing changed,
/// and controllers write only real differences, so the loop settles.
/// </summary>
internal sealed partial class ControllerLoop(
    ObjectStore store, GarbageCollector gc, LoadBalancerController loadBalancers, DeploymentController deployments,
    ReplicaSetController replicaSets, KubeletSimulator kubelet, HorizontalPodAutoscalerController autoscalers,
    ServiceAccountController serviceAccounts, ILogger logger)
{
    private static readonly TimeSpan s_minimumPassInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan s_idlePass = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var changes = store.SubscribeAll();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                gc.Reconcile();
                serviceAccounts.Reconcile();
                loadBalancers.Reconcile();
                kubelet.Reconcile();
                replicaSets.Reconcile();
                autoscalers.Reconcile();
                deployments.Reconcile();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex);
            }

            await Task.Delay(s_minimumPassInterval, cancellationToken);
            var wake = new[] { kubelet.NextWakeUp, deployments.NextWakeUp, loadBalancers.NextWakeUp }.Where(t => t is not null).Min();
            var wait = wake is null ? s_idlePass : wake.Value - store.Time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                continue;
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(wait < s_idlePass ? wait : s_idlePass);
            try
            {
                await changes.Reader.WaitToReadAsync(timer.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // timer due
            }

            while (changes.Reader.TryRead(out _))
            {
                // drained: one pass covers all changes so far
            }
        }
    }

    [LoggerMessage(3100, LogLevel.Error, "A sandbox controller pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
