namespace Portal.Provisioning.Kubernetes.Authentication;

/// <summary>What an exec credential plugin prints on stdout.</summary>
public sealed class ExecCredential
{
    public string? Kind { get; set; }
    public string? ApiVersion { get; set; }
    public ExecCredentialStatus? Status { get; set; }
}
