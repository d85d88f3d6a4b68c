using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;

namespace Portal.Provisioning.Tests.Kubernetes;

/// <summary>Against a server that accepts connections and never answers: every call must end by itself.</summary>
public sealed class ClusterClientTimeoutTests : IDisposable
{
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);

    public ClusterClientTimeoutTests() => _silent.Start();

    [Fact]
    public async Task GetVersionAsync_ServerNeverAnswers_ThrowsTimeoutAfterRequestTimeout()
    {
        using var client = CreateClient(TimeSpan.FromMilliseconds(300));

        // The server accepts and stays silent, so only the request timeout can end the call; no wall-clock bound is
        // asserted (a busy machine stretches any), the exception type is the proof.
        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.GetVersionAsync(CancellationToken.None));

        Assert.Contains("did not finish within", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var client = CreateClient(TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListAsync(KubernetesResources.Pods, "default", null, cts.Token));
    }

    [Fact]
    public async Task WatchAsync_ServerNeverSendsHeaders_ThrowsTimeout()
    {
        using var client = CreateClient(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            await foreach (var change in client.WatchAsync(KubernetesResources.Pods, "default", new WatchOptions(), CancellationToken.None))
            {
                Assert.Fail($"unexpected event {change.Type}");
            }
        });
    }

    public void Dispose() => _silent.Stop();

    private ClusterClient CreateClient(TimeSpan timeout)
    {
        var port = ((IPEndPoint)_silent.LocalEndpoint).Port;
        var options = new KubernetesOptions { RequestTimeout = timeout };
        var kubeconfig = $$$"""
            {"current-context":"c","clusters":[{"name":"c","cluster":{"server":"http://127.0.0.1:{{{port}}}"}}],
             "contexts":[{"name":"c","context":{"cluster":"c","user":"u"}}],"users":[{"name":"u","user":{}}]}
            """;
        var resolver = new ClusterConnectionResolver(options, new AwsSdkCredentialSource(), TimeProvider.System, NullLoggerFactory.Instance);
        return new ClusterClient(resolver.FromKubeconfig(kubeconfig), options, NullLogger<ClusterClient>.Instance);
    }
}
