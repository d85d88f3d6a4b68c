using System.Security.Cryptography.X509Certificates;
using Portal.Provisioning.Kubernetes.Authentication;

namespace Portal.Provisioning.Kubernetes;

/// <summary>Everything needed to talk to one API server, resolved from a kubeconfig context or the in-cluster service account.</summary>
public sealed class ClusterConnection
{
    public required Uri Server { get; init; }

    /// <summary>The namespace of the context ("default" when unset).</summary>
    public string DefaultNamespace { get; init; } = "default";

    /// <summary>Roots to trust instead of the system store; null trusts the system store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    public string? TlsServerName { get; init; }

    public Uri? Proxy { get; init; }

    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Null sends no Authorization header (client certificate or anonymous).</summary>
    public ICredentialProvider? Credentials { get; init; }
}
