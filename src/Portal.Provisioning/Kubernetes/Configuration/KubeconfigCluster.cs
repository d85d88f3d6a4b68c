using System.Text.Json.Serialization;

namespace Portal.Provisioning.Kubernetes.Configuration;

public sealed class KubeconfigCluster
{
    public string Server { get; set; } = "";

    /// <summary>Base64 of a PEM bundle.</summary>
    [JsonPropertyName("certificate-authority-data")]
    public string? CertificateAuthorityData { get; set; }

    [JsonPropertyName("certificate-authority")]
    public string? CertificateAuthority { get; set; }

    [JsonPropertyName("insecure-skip-tls-verify")]
    public bool InsecureSkipTlsVerify { get; set; }

    [JsonPropertyName("tls-server-name")]
    public string? TlsServerName { get; set; }

    [JsonPropertyName("proxy-url")]
    public string? ProxyUrl { get; set; }
}
