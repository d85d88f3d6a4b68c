using Microsoft.Extensions.Logging.Abstractions;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Configuration;

namespace Portal.Provisioning.Tests.Kubernetes;

public class KubeconfigParserTests
{
    private const string PulumiJson = """
        {"apiVersion":"v1","kind":"Config","current-context":"aws",
         "clusters":[{"name":"kubernetes","cluster":{"server":"https://ABCD.gr7.us-east-1.eks.amazonaws.com","certificate-authority-data":"LS0t"}}],
         "contexts":[{"name":"aws","context":{"cluster":"kubernetes","user":"aws"}}],
         "users":[{"name":"aws","user":{"exec":{"apiVersion":"client.authentication.k8s.io/v1beta1","command":"aws",
           "args":["--region","us-east-1","eks","get-token","--cluster-name","my-cluster","--output","json"],
           "env":[{"name":"KUBERNETES_EXEC_INFO","value":"{\"apiVersion\": \"client.authentication.k8s.io/v1beta1\"}"}]}}}]}
        """;

    private const string Yaml = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: c1
          cluster:
            server: https://127.0.0.1:6443
            insecure-skip-tls-verify: true
        contexts:
        - name: dev
          context: {cluster: c1, user: u1, namespace: shop}
        - name: other
          context: {cluster: c1, user: u2}
        users:
        - name: u1
          user:
            token: "abc"
        - name: u2
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: my-plugin
              args: [--flag]
              interactiveMode: Never
        """;

    [Fact]
    public void Parse_PulumiJson_ReadsExecPluginWithEscapedEnv()
    {
        var config = KubeconfigParser.Parse(PulumiJson);

        Assert.Equal("aws", config.CurrentContext);
        var exec = Assert.Single(config.Users).User.Exec!;
        Assert.Equal("aws", exec.Command);
        Assert.Equal("{\"apiVersion\": \"client.authentication.k8s.io/v1beta1\"}", Assert.Single(exec.Env!).Value);
        Assert.Equal("LS0t", config.Clusters[0].Cluster.CertificateAuthorityData);
    }

    [Fact]
    public void Parse_Yaml_ReadsBooleansContextsAndUsers()
    {
        var config = KubeconfigParser.Parse(Yaml);

        Assert.True(config.Clusters[0].Cluster.InsecureSkipTlsVerify);
        Assert.Equal("shop", config.Contexts[0].Context.Namespace);
        Assert.Equal("abc", config.Users[0].User.Token);
        Assert.Equal("Never", config.Users[1].User.Exec!.InteractiveMode);
        Assert.Equal(["--flag"], config.Users[1].User.Exec!.Args!);
    }

    [Fact]
    public void FromKubeconfig_CurrentContext_UsesNamespaceAndStaticToken()
    {
        var connection = Resolver().FromKubeconfig(Yaml);

        Assert.Equal(new Uri("https://127.0.0.1:6443"), connection.Server);
        Assert.Equal("shop", connection.DefaultNamespace);
        Assert.True(connection.InsecureSkipTlsVerify);
        Assert.IsType<StaticCredentialProvider>(connection.Credentials);
    }

    [Fact]
    public void FromKubeconfig_ExecUserContext_UsesExecProvider()
    {
        var connection = Resolver().FromKubeconfig(Yaml, "other");

        Assert.IsType<ExecCredentialProvider>(connection.Credentials);
        Assert.Equal("default", connection.DefaultNamespace);
    }

    [Fact]
    public void FromKubeconfig_AwsEksGetToken_UsesNativeEksProviderWhenEnabled()
    {
        Assert.IsType<EksTokenCredentialProvider>(Resolver().FromKubeconfig(PulumiJson.Replace("LS0t", Base64Pem(), StringComparison.Ordinal)).Credentials);
        Assert.IsType<ExecCredentialProvider>(Resolver(native: false).FromKubeconfig(PulumiJson.Replace("LS0t", Base64Pem(), StringComparison.Ordinal)).Credentials);
    }

    [Fact]
    public void FromKubeconfig_ExecV1WithoutInteractiveMode_FailsLikeKubectl()
    {
        var yaml = Yaml.Replace("\n      interactiveMode: Never", "", StringComparison.Ordinal);

        var error = Assert.Throws<KubeconfigException>(() => Resolver().FromKubeconfig(yaml, "other"));

        Assert.Equal("interactiveMode must be specified for u2 to use exec authentication plugin", error.Message);
    }

    [Fact]
    public void FromKubeconfig_UnknownContext_Fails()
    {
        Assert.Throws<KubeconfigException>(() => Resolver().FromKubeconfig(Yaml, "nope"));
    }

    [Fact]
    public void FromKubeconfig_HttpServer_SendsNoCredentialsAsClientGoDoes()
    {
        var connection = Resolver().FromKubeconfig(Yaml.Replace("https://", "http://", StringComparison.Ordinal));

        Assert.Null(connection.Credentials);
    }

    [Fact]
    public void Parse_Garbage_ThrowsKubeconfigException()
    {
        Assert.Throws<KubeconfigException>(() => KubeconfigParser.Parse("{not json"));
    }

    private static ClusterConnectionResolver Resolver(bool native = true) =>
        new(new KubernetesOptions { UseNativeEksTokens = native }, new AwsSdkCredentialSource(), TimeProvider.System, NullLoggerFactory.Instance);

    private static string Base64Pem()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(certificate.ExportCertificatePem()));
    }
}
