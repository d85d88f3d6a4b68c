namespace Portal.Provisioning.Environments;

/// <summary>The data of a destroy's preflight progress events (kind <c>loadBalancers</c>).</summary>
/// <param name="Phase"><c>deleting</c>, <c>waiting</c> or <c>drained</c>.</param>
/// <param name="Remaining">LoadBalancer Services and Ingresses still present, as <c>Kind namespace/name (hostname)</c>.</param>
/// <param name="ElapsedSeconds">Since the preflight began.</param>
/// <param name="Kind">The discriminator stored with the event data, beside the stack progress kinds.</param>
public sealed record LoadBalancerDrainProgress(string Phase, IReadOnlyList<string> Remaining, double ElapsedSeconds, string Kind = LoadBalancerDrainProgress.KindName)
{
    public const string KindName = "loadBalancers";
}
