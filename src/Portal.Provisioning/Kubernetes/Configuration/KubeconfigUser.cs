using System.Text.Json.Serialization;

namespace Portal.Provisioning.Kubernetes.Configuration;

public sealed class KubeconfigUser
{
    public string? Token { get; set; }

    [JsonPropertyName("tokenFile")]
    public string? TokenFile { get; set; }

    [JsonPropertyName("client-certificate-data")]
    public string? ClientCertificateData { get; set; }

    [JsonPropertyName("client-key-data")]
    public string? ClientKeyData { get; set; }

    [JsonPropertyName("client-certificate")]
    public string? ClientCertificate { get; set; }

    [JsonPropertyName("client-key")]
    public string? ClientKey { get; set; }

    public string? Username { get; set; }
    public string? Password { get; set; }
    public ExecConfig? Exec { get; set; }
}
