namespace Portal.Web.State.Cluster;

/// <summary>Ready pods out of the pods that should be running (finished pods are not counted).</summary>
public readonly record struct PodReadiness(int Ready, int Total)
{
    public bool AllReady => Total > 0 && Ready == Total;

    public override string ToString() => $"{Ready}/{Total}";
}
