namespace Portal.Provisioning.Kubernetes;

/// <summary>GET /version.</summary>
public sealed class VersionInfo
{
    public string Major { get; set; } = "";
    public string Minor { get; set; } = "";
    public string GitVersion { get; set; } = "";
    public string? Platform { get; set; }
}
