namespace Portal.Provisioning.Kubernetes.Models;

public sealed class ListMeta
{
    public string? ResourceVersion { get; set; }

    /// <summary>Opaque token for the next page; empty or null on the last page.</summary>
    public string? Continue { get; set; }

    public long? RemainingItemCount { get; set; }
}
