namespace Portal.Data;

public enum PortalMode
{
    /// <summary>The simulated cloud shipped with the portal: a sandbox pulumi CLI and Kubernetes API server.</summary>
    Sandbox,

    /// <summary>The real pulumi CLI and real clusters.</summary>
    Live,
}
