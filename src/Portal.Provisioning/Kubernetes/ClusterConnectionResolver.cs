using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Configuration;

namespace Portal.Provisioning.Kubernetes;

/// <summary>Turns a kubeconfig (one context of it) or the in-cluster environment into a <see cref="ClusterConnection"/>.</summary>
public sealed class ClusterConnectionResolver(KubernetesOptions options, IAwsCredentialSource awsCredentials, TimeProvider timeProvider, ILoggerFactory loggerFactory)
{
    private const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public ClusterConnection FromKubeconfig(string kubeconfigText, string? contextName = null, string? baseDirectory = null)
    {
        var config = KubeconfigParser.Parse(kubeconfigText);
        var name = contextName ?? config.CurrentContext;
        var context = config.Contexts.FirstOrDefault(c => c.Name == name)?.Context
            ?? (name is null && config.Contexts.Count == 1 ? config.Contexts[0].Context : null)
            ?? throw new KubeconfigException($"context \"{name}\" does not exist in the kubeconfig");
        var cluster = config.Clusters.FirstOrDefault(c => c.Name == context.Cluster)?.Cluster
            ?? throw new KubeconfigException($"cluster \"{context.Cluster}\" of context \"{name}\" does not exist in the kubeconfig");
        var user = config.Users.FirstOrDefault(u => u.Name == context.User);
        if (!Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
        {
            throw new KubeconfigException($"cluster \"{context.Cluster}\" has no valid server URL");
        }

        var hasCa = cluster.CertificateAuthorityData is not null || cluster.CertificateAuthority is not null;
        if (cluster.InsecureSkipTlsVerify && hasCa)
        {
            throw new KubeconfigException("specifying a root certificates file with the insecure flag is not allowed");
        }

        // client-go reads user credentials only for TLS transports; over plain http nothing is sent (and so neither do we).
        var tls = server.Scheme == "https";
        return new ClusterConnection
        {
            Server = server,
            DefaultNamespace = string.IsNullOrEmpty(context.Namespace) ? "default" : context.Namespace,
            CertificateAuthorities = hasCa ? LoadCertificates(cluster.CertificateAuthorityData, cluster.CertificateAuthority, baseDirectory) : null,
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = string.IsNullOrEmpty(cluster.TlsServerName) ? null : cluster.TlsServerName,
            Proxy = string.IsNullOrEmpty(cluster.ProxyUrl) ? null : new Uri(cluster.ProxyUrl),
            ClientCertificate = tls && user is not null ? LoadClientCertificate(user.User, baseDirectory) : null,
            Credentials = tls && user is not null ? CreateCredentials(user, cluster, baseDirectory) : null,
        };
    }

    /// <summary>The pod's service account, as client-go's InClusterConfig: env host and port, mounted token (re-read) and CA.</summary>
    public ClusterConnection InCluster()
    {
        var host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeconfigException("unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined");
        }

        return InCluster(host, port, ServiceAccountDirectory);
    }

    /// <summary>In-cluster configuration from explicit values (a non-standard mount, or a test).</summary>
    public ClusterConnection InCluster(string host, string port, string serviceAccountDirectory)
    {
        var namespaceFile = Path.Combine(serviceAccountDirectory, "namespace");
        return new ClusterConnection
        {
            Server = new UriBuilder("https", host, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)).Uri,
            DefaultNamespace = File.Exists(namespaceFile) ? File.ReadAllText(namespaceFile).Trim() : "default",
            CertificateAuthorities = LoadCertificates(null, Path.Combine(serviceAccountDirectory, "ca.crt"), null),
            Credentials = new TokenFileCredentialProvider(Path.Combine(serviceAccountDirectory, "token"), timeProvider),
        };
    }

    private ICredentialProvider? CreateCredentials(NamedUser named, KubeconfigCluster cluster, string? baseDirectory)
    {
        var user = named.User;
        if (!string.IsNullOrEmpty(user.Token))
        {
            return StaticCredentialProvider.Bearer(user.Token);
        }

        if (!string.IsNullOrEmpty(user.TokenFile))
        {
            return new TokenFileCredentialProvider(ResolvePath(user.TokenFile, baseDirectory), timeProvider);
        }

        if (user.Exec is { } exec)
        {
            var logger = loggerFactory.CreateLogger<ExecCredentialProvider>();
            if (options.UseNativeEksTokens && EksTokenRequest.FromExecConfig(exec) is { } eks)
            {
                return new EksTokenCredentialProvider(eks, awsCredentials, timeProvider, logger);
            }

            return new ExecCredentialProvider(exec, named.Name, options.ExecPluginTimeout, timeProvider, logger, exec.ProvideClusterInfo ? cluster : null);
        }

        return !string.IsNullOrEmpty(user.Username) ? StaticCredentialProvider.Basic(user.Username, user.Password ?? "") : null;
    }

    private static X509Certificate2? LoadClientCertificate(KubeconfigUser user, string? baseDirectory)
    {
        var certificate = ReadPem(user.ClientCertificateData, user.ClientCertificate, baseDirectory);
        var key = ReadPem(user.ClientKeyData, user.ClientKey, baseDirectory);
        if (certificate is null && key is null)
        {
            return null;
        }

        if (certificate is null || key is null)
        {
            throw new KubeconfigException("client-cert-data and client-key-data must be specified together");
        }

        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform (ephemeral keys are not on Windows).
        using var ephemeral = X509Certificate2.CreateFromPem(certificate, key);
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    private static X509Certificate2Collection LoadCertificates(string? base64, string? path, string? baseDirectory)
    {
        var pem = ReadPem(base64, path, baseDirectory) ?? throw new KubeconfigException("the certificate authority is empty");
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        if (collection.Count == 0)
        {
            throw new KubeconfigException("the certificate authority holds no PEM certificate");
        }

        return collection;
    }

    private static string? ReadPem(string? base64, string? path, string? baseDirectory)
    {
        if (!string.IsNullOrEmpty(base64))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException ex)
            {
                throw new KubeconfigException("a *-data field of the kubeconfig is not valid base64", ex);
            }
        }

        return string.IsNullOrEmpty(path) ? null : File.ReadAllText(ResolvePath(path, baseDirectory));
    }

    private static string ResolvePath(string path, string? baseDirectory) =>
        Path.IsPathRooted(path) || baseDirectory is null ? path : Path.Combine(baseDirectory, path);
}
