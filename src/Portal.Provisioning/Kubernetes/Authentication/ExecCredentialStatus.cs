namespace Portal.Provisioning.Kubernetes.Authentication;

public sealed class ExecCredentialStatus
{
    /// <summary>Absent means the credential never expires.</summary>
    public DateTimeOffset? ExpirationTimestamp { get; set; }
    public string? Token { get; set; }

    /// <summary>PEM text, not base64.</summary>
    public string? ClientCertificateData { get; set; }
    public string? ClientKeyData { get; set; }
}
