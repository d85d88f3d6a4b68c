using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Provisioning.Kubernetes;

/// <summary>Builds the one HttpClient (and connection pool) a cluster gets, with its trust roots and client certificate.</summary>
internal static class ClusterHttpClientFactory
{
    public static HttpClient Create(ClusterConnection connection)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.GZip,
            UseProxy = connection.Proxy is not null,
            Proxy = connection.Proxy is null ? null : new WebProxy(connection.Proxy),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };

        if (connection.Server.Scheme == Uri.UriSchemeHttps)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = connection.TlsServerName,
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(connection, certificate, chain, errors),
                ClientCertificates = connection.ClientCertificate is null ? null : new X509CertificateCollection { connection.ClientCertificate },
            };
        }

        return new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = connection.Server,
            Timeout = Timeout.InfiniteTimeSpan, // calls are bounded by their own tokens; watches must outlive any fixed timeout
        };
    }

    private static bool Validate(ClusterConnection connection, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (connection.InsecureSkipTlsVerify)
        {
            return true;
        }

        if (connection.CertificateAuthorities is null)
        {
            return errors == SslPolicyErrors.None;
        }

        // The kubeconfig CA replaces the system roots: only chain errors may be overridden, never a missing certificate or a name mismatch.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(connection.CertificateAuthorities);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
