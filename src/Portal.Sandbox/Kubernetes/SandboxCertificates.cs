using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Sandbox.Kubernetes;

/// <summary>
/// A throwaway CA and a server certificate it signs for 127.0.0.1, ::1 and localhost. kubectl (Go) and .NET both verify a
/// proper chain against the CA exported in the kubeconfig's certificate-authority-data.
/// </summary>
internal sealed class SandboxCertificates : IDisposable
{
    private readonly X509Certificate2 _authorityWithKey;

    private SandboxCertificates(X509Certificate2 authorityWithKey, X509Certificate2 server)
    {
        _authorityWithKey = authorityWithKey;
        Authority = X509CertificateLoader.LoadCertificate(authorityWithKey.RawData);
        Server = server;
    }

    public X509Certificate2 Authority { get; }

    /// <summary>With its private key, loaded from PKCS#12 so Kestrel can use it on every platform.</summary>
    public X509Certificate2 Server { get; }

    public string AuthorityPem => Authority.ExportCertificatePem() + "\n";

    public static SandboxCertificates Create(string clusterName)
    {
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = notBefore.AddDays(30);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={clusterName}-sandbox-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var caWithKey = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest($"CN={clusterName}-sandbox-apiserver", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        names.AddDnsName("kubernetes.default.svc");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(caWithKey, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var signed = serverRequest.Create(caWithKey, notBefore, notAfter.AddMinutes(-1), serial);
        using var serverWithKey = signed.CopyWithPrivateKey(serverKey);

        var authority = X509CertificateLoader.LoadPkcs12(caWithKey.Export(X509ContentType.Pkcs12), null);
        var server = X509CertificateLoader.LoadPkcs12(serverWithKey.Export(X509ContentType.Pkcs12), null);
        return new SandboxCertificates(authority, server);
    }

    /// <summary>A client certificate signed by the cluster CA (CN = user, O = system:masters, as kubeadm's admin.conf).</summary>
    public (string CertificatePem, string KeyPem) IssueClientCertificate(string user)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={user}, O=system:masters", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var signed = request.Create(_authorityWithKey, notBefore, notBefore.AddDays(7), RandomNumberGenerator.GetBytes(16));
        return (signed.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>True when <paramref name="certificate"/> chains to the cluster CA (client certificate authentication).</summary>
    public bool IsIssuedByAuthority(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        return chain.Build(certificate);
    }

    public void Dispose()
    {
        _authorityWithKey.Dispose();
        Authority.Dispose();
        Server.Dispose();
    }
}
