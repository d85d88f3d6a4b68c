using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Errors;

namespace Portal.Sandbox.Tests.Kubernetes;

/// <summary>The other ways a kubeconfig (or a pod) authenticates: client certificates and the in-cluster service account.</summary>
public sealed class ClusterAuthenticationTests : IDisposable
{
    private static readonly CancellationToken s_none = CancellationToken.None;
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-auth-").FullName;

    [Fact]
    public async Task ListAsync_ClientCertificateFromKubeconfig_IsAccepted()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        var (certificate, key) = cluster.Server.IssueClientCertificate("admin");
        var config = JsonNode.Parse(cluster.Server.Kubeconfig)!;
        config["users"]![0]!["user"] = new JsonObject
        {
            ["client-certificate-data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(certificate)),
            ["client-key-data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(key)),
        };
        using var client = SandboxTestCluster.CreateClient(config.ToJsonString());

        var pods = await client.ListAsync(KubernetesResources.Pods, "default", null, s_none);

        Assert.Empty(pods.Items);
    }

    [Fact]
    public async Task ListAsync_NoCredentialOverHttps_IsUnauthorized()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        var config = JsonNode.Parse(cluster.Server.Kubeconfig)!;
        config["users"]![0]!["user"] = new JsonObject();
        using var client = SandboxTestCluster.CreateClient(config.ToJsonString());

        await Assert.ThrowsAsync<KubernetesUnauthorizedException>(() => client.ListAsync(KubernetesResources.Pods, "default", null, s_none));
    }

    [Fact]
    public async Task InCluster_ServiceAccountFiles_UseTokenCaAndNamespace()
    {
        await using var cluster = await SandboxTestCluster.StartAsync(configure: o => o.Namespaces.Add("shop"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "token"), cluster.Server.Token + "\n");
        await File.WriteAllTextAsync(Path.Combine(_directory, "ca.crt"), cluster.Server.CertificateAuthorityPem);
        await File.WriteAllTextAsync(Path.Combine(_directory, "namespace"), "shop");
        var options = new KubernetesOptions();
        var resolver = new ClusterConnectionResolver(options, new AwsSdkCredentialSource(), TimeProvider.System, NullLoggerFactory.Instance);
        var connection = resolver.InCluster("127.0.0.1", cluster.Server.HttpsUrl!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), _directory);
        using var client = new ClusterClient(connection, options, NullLogger<ClusterClient>.Instance);

        var version = await client.GetVersionAsync(s_none);
        var pods = await client.ListAsync(KubernetesResources.Pods, client.DefaultNamespace, null, s_none);

        Assert.Equal("32", version.Minor);
        Assert.Equal("shop", client.DefaultNamespace);
        Assert.Empty(pods.Items);
    }

    [Fact]
    public async Task ExecPlugin_ProvideClusterInfo_PassesServerInExecInfo()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        var script = Path.Combine(_directory, "plugin.sh");
        await File.WriteAllTextAsync(script, $"""
            #!/bin/sh
            printf '%s' "$KUBERNETES_EXEC_INFO" > "{_directory}/exec-info.json"
            printf '{"{"}"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"{"}"token":"{cluster.Server.Token}"{"}}"}'
            """.Replace("\r", "", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var config = JsonNode.Parse(cluster.Server.Kubeconfig)!;
        config["users"]![0]!["user"] = new JsonObject
        {
            ["exec"] = new JsonObject { ["apiVersion"] = "client.authentication.k8s.io/v1beta1", ["command"] = script, ["provideClusterInfo"] = true },
        };
        using var client = SandboxTestCluster.CreateClient(config.ToJsonString());

        await client.ListAsync(KubernetesResources.Pods, "default", null, s_none);

        var info = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_directory, "exec-info.json")))!;
        Assert.Equal("client.authentication.k8s.io/v1beta1", info["apiVersion"]!.GetValue<string>());
        Assert.False(info["spec"]!["interactive"]!.GetValue<bool>());
        Assert.Equal(cluster.Server.HttpsUrl!.GetLeftPart(UriPartial.Authority), info["spec"]!["cluster"]!["server"]!.GetValue<string>());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
