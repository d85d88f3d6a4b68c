using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Tests.Kubernetes;

/// <summary>Error responses that the sandbox never sends: a 410 on the watch request itself, and a non-Status body from a proxy.</summary>
public sealed class ClusterClientHttpErrorTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public ClusterClientHttpErrorTests() => _listener.Start();

    [Fact]
    public async Task WatchAsync_Http410OnTheWatchRequest_YieldsAnErrorEventLikeTheInStreamForm()
    {
        var body = """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 5 (90)","reason":"Expired","code":410}""";
        var serving = AnswerOnceAsync(410, "Gone", "application/json", body);
        using var client = CreateClient();

        var events = new List<WatchEvent<Pod>>();
        await foreach (var change in client.WatchAsync(KubernetesResources.Pods, "default", new WatchOptions { ResourceVersion = "5" }, CancellationToken.None))
        {
            events.Add(change);
        }

        var request = await serving;
        Assert.StartsWith("GET /api/v1/namespaces/default/pods?watch=true&resourceVersion=5&allowWatchBookmarks=true&timeoutSeconds=300 ", request, StringComparison.Ordinal);
        var error = Assert.Single(events);
        Assert.Equal((WatchEventType.Error, 410, "Expired"), (error.Type, error.Error!.Code, error.Error.Reason));
    }

    [Fact]
    public async Task ListAsync_ProxyAnswersPlainText503_ThrowsApiExceptionWithTheHttpStatus()
    {
        var serving = AnswerOnceAsync(503, "Service Unavailable", "text/plain", "upstream connect error");
        using var client = CreateClient();

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.ListAsync(KubernetesResources.Pods, "default", null, CancellationToken.None));

        await serving;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("upstream connect error", error.Message);
    }

    public void Dispose() => _listener.Stop();

    private async Task<string> AnswerOnceAsync(int code, string reason, string contentType, string body)
    {
        using var socket = await _listener.AcceptSocketAsync();
        await using var stream = new NetworkStream(socket);
        var buffer = new byte[8192];
        var read = await stream.ReadAsync(buffer);
        var payload = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {code} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(payload);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private ClusterClient CreateClient()
    {
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var options = new KubernetesOptions { RequestTimeout = TimeSpan.FromSeconds(5) };
        var kubeconfig = "{\"current-context\":\"c\",\"clusters\":[{\"name\":\"c\",\"cluster\":{\"server\":\"http://127.0.0.1:" + port
            + "\"}}],\"contexts\":[{\"name\":\"c\",\"context\":{\"cluster\":\"c\",\"user\":\"u\"}}],\"users\":[{\"name\":\"u\",\"user\":{}}]}";
        var resolver = new ClusterConnectionResolver(options, new AwsSdkCredentialSource(), TimeProvider.System, NullLoggerFactory.Instance);
        return new ClusterClient(resolver.FromKubeconfig(kubeconfig), options, NullLogger<ClusterClient>.Instance);
    }
}
