using Microsoft.Extensions.Logging.Abstractions;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Sandbox.Kubernetes;

namespace Portal.Sandbox.Tests.Kubernetes;

/// <summary>A sandbox API server on ephemeral loopback ports plus a portal client for it (HTTPS, exported CA, bearer token).</summary>
internal sealed class SandboxTestCluster : IAsyncDisposable
{
    private SandboxTestCluster(SandboxKubernetesServer server, ClusterClient client, KubernetesOptions clientOptions)
    {
        Server = server;
        Client = client;
        ClientOptions = clientOptions;
    }

    public SandboxKubernetesServer Server { get; }

    public ClusterClient Client { get; }

    public KubernetesOptions ClientOptions { get; }

    public static async Task<SandboxTestCluster> StartAsync(double speed = 50, Action<SandboxKubernetesOptions>? configure = null)
    {
        var options = new SandboxKubernetesOptions { Speed = speed, BookmarkInterval = TimeSpan.FromMilliseconds(300) };
        configure?.Invoke(options);
        var server = await SandboxKubernetesServer.StartAsync(options);
        var clientOptions = new KubernetesOptions { RequestTimeout = TimeSpan.FromSeconds(10), WatchReconnectInitialDelay = TimeSpan.FromMilliseconds(50) };
        return new SandboxTestCluster(server, CreateClient(server.Kubeconfig, clientOptions), clientOptions);
    }

    public static ClusterClient CreateClient(string kubeconfig, KubernetesOptions? options = null)
    {
        options ??= new KubernetesOptions { RequestTimeout = TimeSpan.FromSeconds(10) };
        var resolver = new ClusterConnectionResolver(options, new AwsSdkCredentialSource(), TimeProvider.System, NullLoggerFactory.Instance);
        return new ClusterClient(resolver.FromKubeconfig(kubeconfig), options, NullLogger<ClusterClient>.Instance);
    }

    public Task<Deployment> CreateDeploymentAsync(string name, string image, int replicas = 2, Action<Deployment>? configure = null, string ns = "default")
    {
        var deployment = new Deployment
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = new() { ["app"] = name } },
            Spec = new DeploymentSpec
            {
                Replicas = replicas,
                Selector = new LabelSelector { MatchLabels = new() { ["app"] = name } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = name } },
                    Spec = new PodSpec { Containers = [new Container { Name = name, Image = image }] },
                },
            },
        };
        configure?.Invoke(deployment);
        return Client.CreateAsync(KubernetesResources.Deployments, ns, deployment, CancellationToken.None);
    }

    public async Task<Deployment> WaitForDeploymentAsync(string name, Func<Deployment, bool> condition, TimeSpan? timeout = null, string ns = "default")
    {
        Deployment? last = null;
        await Eventually.UntilAsync(async () =>
        {
            last = await Client.GetAsync(KubernetesResources.Deployments, ns, name, CancellationToken.None);
            return condition(last);
        }, timeout ?? TimeSpan.FromSeconds(15), () => $"deployment {name} status: {System.Text.Json.JsonSerializer.Serialize(last?.Status)}");
        return last!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
