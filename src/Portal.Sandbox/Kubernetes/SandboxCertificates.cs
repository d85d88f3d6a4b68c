using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Sandbox.Kubernetes;

/// <summary>
/// A self-signed CA and a server certificate it signs for 127.0.0.1, ::1 and localhost. kubectl (Go) and .NET both verify a
/// proper chain against the CA exported in the kubeconfig's certificate-authority-data. A persistent sandbox saves the
/// PEMs (<see cref="Pems"/>) and loads them again, so its kubeconfig stays valid across restarts.
/// </summary>
internal sealed class SandboxCertificates : IDisposable
{
    // Long enough that a saved sandbox never outlives its CA in practice; the server certificate is renewed from the
    // saved CA when it runs out (LoadOrRenew), which keeps the kubeconfig's certificate-authority-data unchanged.
    private static readonly TimeSpan s_authorityValidity = TimeSpan.FromDays(3650);
    private static readonly TimeSpan s_serverValidity = TimeSpan.FromDays(397);
    private static readonly TimeSpan s_renewBefore = TimeSpan.FromDays(1);
    private readonly X509Certificate2 _authorityWithKey;

    private SandboxCertificates(X509Certificate2 authorityWithKey, X509Certificate2 server, PemFiles pems)
    {
        _authorityWithKey = authorityWithKey;
        Authority = X509CertificateLoader.LoadCertificate(authorityWithKey.RawData);
        Server = server;
        Pems = pems;
    }

    public X509Certificate2 Authority { get; }

    /// <summary>With its private key, loaded from PKCS#12 so Kestrel can use it on every platform.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>What a state directory saves: kept as PEM from creation, because Windows does not export PKCS#12-loaded keys.</summary>
    public PemFiles Pems { get; }

    public string AuthorityPem => Authority.ExportCertificatePem() + "\n";

    public static SandboxCertificates Create(string clusterName)
    {
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={clusterName}-sandbox-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var caWithKey = caRequest.CreateSelfSigned(notBefore, notBefore + s_authorityValidity);
        var (serverPem, serverKeyPem) = IssueServerCertificate(clusterName, caWithKey);
        return FromPems(new PemFiles(caWithKey.ExportCertificatePem() + "\n", caKey.ExportPkcs8PrivateKeyPem() + "\n", serverPem, serverKeyPem));
    }

    /// <summary>
    /// The saved certificates, with the server certificate reissued from the saved CA when it has expired (or is about to);
    /// a CA that has run out cannot be renewed without changing every kubeconfig, so then this throws.
    /// </summary>
    public static SandboxCertificates LoadOrRenew(string clusterName, PemFiles saved, out bool renewed)
    {
        ArgumentNullException.ThrowIfNull(saved);
        var soon = DateTimeOffset.UtcNow + s_renewBefore;
        using var authority = X509Certificate2.CreateFromPem(saved.AuthorityCertificate, saved.AuthorityKey);
        if (authority.NotAfter.ToUniversalTime() < soon)
        {
            throw new CryptographicException($"The saved sandbox CA expired on {authority.NotAfter.ToUniversalTime():u}.");
        }

        using var server = X509Certificate2.CreateFromPem(saved.ServerCertificate, saved.ServerKey);
        renewed = server.NotAfter.ToUniversalTime() < soon || !ChainsTo(server, authority);
        if (!renewed)
        {
            return FromPems(saved);
        }

        var (serverPem, serverKeyPem) = IssueServerCertificate(clusterName, authority);
        return FromPems(saved with { ServerCertificate = serverPem, ServerKey = serverKeyPem });
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
    public bool IsIssuedByAuthority(X509Certificate2 certificate) => ChainsTo(certificate, Authority);

    public void Dispose()
    {
        _authorityWithKey.Dispose();
        Authority.Dispose();
        Server.Dispose();
    }

    private static (string CertificatePem, string KeyPem) IssueServerCertificate(string clusterName, X509Certificate2 authorityWithKey)
    {
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = notBefore + s_serverValidity;
        var authorityEnd = new DateTimeOffset(authorityWithKey.NotAfter.ToUniversalTime(), TimeSpan.Zero).AddMinutes(-1);
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
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authorityWithKey, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);

        // A certificate may not outlive its issuer: CertificateRequest.Create refuses that.
        using var signed = serverRequest.Create(authorityWithKey, notBefore, notAfter < authorityEnd ? notAfter : authorityEnd, serial);
        return (signed.ExportCertificatePem() + "\n", serverKey.ExportPkcs8PrivateKeyPem() + "\n");
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        return chain.Build(certificate);
    }

    private static SandboxCertificates FromPems(PemFiles pems)
    {
        using var authorityFromPem = X509Certificate2.CreateFromPem(pems.AuthorityCertificate, pems.AuthorityKey);
        using var serverFromPem = X509Certificate2.CreateFromPem(pems.ServerCertificate, pems.ServerKey);
        var authority = X509CertificateLoader.LoadPkcs12(authorityFromPem.Export(X509ContentType.Pkcs12), null);
        var server = X509CertificateLoader.LoadPkcs12(serverFromPem.Export(X509ContentType.Pkcs12), null);
        return new SandboxCertificates(authority, server, pems);
    }

    /// <summary>The CA and server certificate with their private keys (PKCS#8), as PEM text.</summary>
    internal sealed record PemFiles(string AuthorityCertificate, string AuthorityKey, string ServerCertificate, string ServerKey);
}
