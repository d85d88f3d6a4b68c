namespace Portal.Provisioning.Kubernetes.Rollout;

/// <summary>
/// One evaluation of a deployment rollout. <see cref="Message"/> is exactly what <c>kubectl rollout status</c> prints
/// (without the <c>error: </c> prefix kubectl adds to failures), so the portal shows the same text.
/// </summary>
public sealed record RolloutVerdict(RolloutState State, string Message)
{
    public bool IsDone => State == RolloutState.Complete;

    public bool IsFailed => State == RolloutState.Failed;
}
