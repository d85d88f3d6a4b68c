using System.Text.Json.Nodes;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;

namespace Portal.Sandbox.Tests.Kubernetes;

/// <summary>
/// A real exec plugin (a shell script that counts its runs and prints token exec-N) against the HTTPS sandbox server,
/// which accepts the tokens the test allows.
/// </summary>
public sealed class ExecCredentialPluginTests : IDisposable
{
    private static readonly CancellationToken s_none = CancellationToken.None;
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-exec-").FullName;
    private volatile int _lowestAcceptedRun = 1;

    [Fact]
    public async Task ListAsync_CredentialNotExpired_RunsPluginOnceForManyRequests()
    {
        await using var cluster = await StartAsync();
        using var client = SandboxTestCluster.CreateClient(ExecKubeconfig(cluster, DateTimeOffset.UtcNow.AddMinutes(10)));

        for (var i = 0; i < 5; i++)
        {
            await client.ListAsync(KubernetesResources.Pods, "default", null, s_none);
        }

        Assert.Equal(1, Runs);
    }

    [Fact]
    public async Task ListAsync_CredentialAlreadyExpired_RunsPluginBeforeEveryRequest()
    {
        await using var cluster = await StartAsync();
        using var client = SandboxTestCluster.CreateClient(ExecKubeconfig(cluster, DateTimeOffset.UtcNow.AddMinutes(-1)));

        for (var i = 0; i < 3; i++)
        {
            await client.ListAsync(KubernetesResources.Pods, "default", null, s_none);
        }

        Assert.Equal(3, Runs);
    }

    [Fact]
    public async Task ListAsync_TokenRejectedWith401_RerunsPluginAndSucceeds()
    {
        await using var cluster = await StartAsync();
        using var client = SandboxTestCluster.CreateClient(ExecKubeconfig(cluster, DateTimeOffset.UtcNow.AddMinutes(10)));
        await client.ListAsync(KubernetesResources.Pods, "default", null, s_none);

        _lowestAcceptedRun = 2; // the server revokes exec-1 (as if it were rotated)
        await client.ListAsync(KubernetesResources.Pods, "default", null, s_none);
        await client.ListAsync(KubernetesResources.Pods, "default", null, s_none);

        Assert.Equal(2, Runs);
    }

    [Fact]
    public async Task ListAsync_PluginReturnsOtherApiVersion_FailsWithKubectlMessage()
    {
        await using var cluster = await StartAsync();
        var kubeconfig = ExecKubeconfig(cluster, DateTimeOffset.UtcNow.AddMinutes(10)).Replace(
            "\"apiVersion\": \"client.authentication.k8s.io/v1\"", "\"apiVersion\": \"client.authentication.k8s.io/v1beta1\"", StringComparison.Ordinal);
        using var client = SandboxTestCluster.CreateClient(kubeconfig);

        var error = await Assert.ThrowsAsync<CredentialPluginException>(() => client.ListAsync(KubernetesResources.Pods, "default", null, s_none));

        Assert.Equal("exec plugin is configured to use API version client.authentication.k8s.io/v1beta1, plugin returned version client.authentication.k8s.io/v1", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private int Runs => File.Exists(Path.Combine(_directory, "count")) ? int.Parse(File.ReadAllText(Path.Combine(_directory, "count")).Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0;

    private Task<SandboxTestCluster> StartAsync() =>
        SandboxTestCluster.StartAsync(configure: o => o.AcceptToken = token =>
            token.StartsWith("exec-", StringComparison.Ordinal) && int.Parse(token[5..], System.Globalization.CultureInfo.InvariantCulture) >= _lowestAcceptedRun);

    private string ExecKubeconfig(SandboxTestCluster cluster, DateTimeOffset expiry)
    {
        var script = Path.Combine(_directory, "plugin.sh");
        File.WriteAllText(script, """
            #!/bin/sh
            n=$(cat "$PLUGIN_DIR/count" 2>/dev/null || echo 0)
            n=$((n+1))
            echo $n > "$PLUGIN_DIR/count"
            printf '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"exec-%s","expirationTimestamp":"%s"}}' "$n" "$EXPIRY"
            """.Replace("\r", "", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var config = JsonNode.Parse(cluster.Server.Kubeconfig)!;
        config["users"]![0]!["user"] = new JsonObject
        {
            ["exec"] = new JsonObject
            {
                ["apiVersion"] = "client.authentication.k8s.io/v1",
                ["command"] = script,
                ["interactiveMode"] = "Never",
                ["env"] = new JsonArray(
                    new JsonObject { ["name"] = "PLUGIN_DIR", ["value"] = _directory },
                    new JsonObject { ["name"] = "EXPIRY", ["value"] = expiry.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) }),
            },
        };
        return config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
