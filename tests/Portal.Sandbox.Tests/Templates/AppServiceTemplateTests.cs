using System.Text;
using System.Text.Json;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Rollout;
using Portal.Provisioning.Pulumi;
using Portal.Sandbox.Tests.Kubernetes;
using Portal.Sandbox.Tests.Pulumi;

namespace Portal.Sandbox.Tests.Templates;

/// <summary>
/// templates/app-service as shipped, onto a sandbox cluster named only by the <c>kubeconfig</c> config (the sandbox CLI gets
/// no cluster of its own): settings, credentials, a Deployment the autoscaler sizes, a load balancer, an image update that
/// rolls the Deployment without resetting its replica count, and a destroy.
/// </summary>
public sealed class AppServiceTemplateTests : IAsyncLifetime
{
    private const string Namespace = "api";
    private const string Password = "correct-horse-battery-db";
    private const double ClusterSpeed = 20;
    private SandboxTestCluster _cluster = null!;
    private SandboxStack? _stack;

    private ClusterClient Client => _cluster.Client;

    private SandboxStack Stack => _stack ?? throw new InvalidOperationException("not initialized");

    private static KubernetesResource<KubernetesObject> Autoscalers => Resource("autoscaling/v2", "HorizontalPodAutoscaler");

    private static KubernetesResource<KubernetesObject> Secrets => Resource("v1", "Secret");

    private static KubernetesResource<KubernetesObject> ConfigMaps => Resource("v1", "ConfigMap");

    public async Task InitializeAsync()
    {
        _cluster = await SandboxTestCluster.StartAsync(ClusterSpeed);
        _stack = await (await SandboxStack.CreateAsync(RepositoryTemplates.ReadProgram("app-service"))).InitAsync();
    }

    public async Task DisposeAsync()
    {
        _stack?.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task UpUpdateDestroy_OnAClusterGivenByKubeconfig_ServesScalesRollsAndCleansUp()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Stack.Runner.SetAllConfigAsync(Stack.Workspace, new Dictionary<string, ConfigValue>
        {
            ["kubeconfig"] = new(_cluster.Server.Kubeconfig, IsSecret: true),
            ["image"] = new("nginx:1.27"),
            ["databasePassword"] = new(Password, IsSecret: true),
        }, path: false, timeout.Token);

        var up = await Stack.Runner.UpAsync(Stack.Workspace, new StackOperationOptions(), timeout.Token);

        Assert.True(up.Succeeded);
        Assert.Equal(["deployment", "image", "kubeconfig", "loadBalancerHostname", "namespace", "url"], up.Outputs.Keys.Order(StringComparer.Ordinal));
        Assert.True(up.Outputs["kubeconfig"].IsSecret);
        Assert.Equal(_cluster.Server.Kubeconfig, up.Outputs["kubeconfig"].Value.GetString());
        Assert.Equal((Namespace, "api", "nginx:1.27"), (up.Outputs["namespace"].ToDisplayString(), up.Outputs["deployment"].ToDisplayString(), up.Outputs["image"].ToDisplayString()));
        var hostname = up.Outputs["loadBalancerHostname"].ToDisplayString();
        Assert.EndsWith(".elb.us-east-1.amazonaws.com", hostname, StringComparison.Ordinal);
        Assert.Equal("http://" + hostname, up.Outputs["url"].ToDisplayString());
        Assert.DoesNotContain(Password, Stack.AllStoredText(), StringComparison.Ordinal);

        // The Deployment leaves its replica count to the autoscaler, which raises it to minReplicas.
        var created = await WaitForRolloutAsync("nginx:1.27");
        Assert.Equal("app", created.Spec!.Template!.Spec!.Containers.Single().Name);
        var autoscaler = (await Client.GetAsync(Autoscalers, Namespace, "api", timeout.Token)).Content;
        Assert.Equal((2, 6, 70), (
            autoscaler["spec"]!["minReplicas"]!.GetValue<int>(),
            autoscaler["spec"]!["maxReplicas"]!.GetValue<int>(),
            autoscaler["spec"]!["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!.GetValue<int>()));
        Assert.Equal("Deployment/api", $"{autoscaler["spec"]!["scaleTargetRef"]!["kind"]}/{autoscaler["spec"]!["scaleTargetRef"]!["name"]}");
        var secret = (await Client.GetAsync(Secrets, Namespace, "api-secrets", timeout.Token)).Content;
        Assert.Equal(Password, Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["DATABASE_PASSWORD"]!.GetValue<string>())));
        Assert.Equal("info", (await Client.GetAsync(ConfigMaps, Namespace, "api-config", timeout.Token)).Content["data"]!["LOG_LEVEL"]!.GetValue<string>());
        var service = await Client.GetAsync(KubernetesResources.Services, Namespace, "api", timeout.Token);
        Assert.Equal(hostname, service.Status?.LoadBalancer?.Ingress?[0].Hostname);

        await Stack.Runner.SetConfigAsync(Stack.Workspace, "image", new ConfigValue("nginx:1.28"), path: false, timeout.Token);
        var second = await Stack.Runner.UpAsync(Stack.Workspace, new StackOperationOptions(), timeout.Token);

        Assert.True(second.Succeeded);
        Assert.Equal("nginx:1.28", second.Outputs["image"].ToDisplayString());
        var rolled = await WaitForRolloutAsync("nginx:1.28");
        Assert.Equal(created.Metadata.Uid, rolled.Metadata.Uid);
        var replicaSets = (await Client.ListAsync(KubernetesResources.ReplicaSets, Namespace, new ListOptions { LabelSelector = "app.kubernetes.io/name=api" }, timeout.Token)).Items;
        Assert.Equal(["nginx:1.27", "nginx:1.28"], replicaSets.Select(r => r.Spec?.Template?.Spec?.Containers.Single().Image).Order());

        var destroyed = await Stack.Runner.DestroyAsync(Stack.Workspace, new StackOperationOptions(), timeout.Token);

        Assert.True(destroyed.Succeeded);
        await Assert.ThrowsAsync<KubernetesNotFoundException>(() => Client.GetAsync(KubernetesResources.Namespaces, null, Namespace, timeout.Token));
        await Assert.ThrowsAsync<KubernetesNotFoundException>(() => Client.GetAsync(Autoscalers, Namespace, "api", timeout.Token));
    }

    /// <summary>The Deployment runs <paramref name="image"/> on exactly the autoscaler's two replicas, all ready, old pods gone.</summary>
    private async Task<Deployment> WaitForRolloutAsync(string image)
    {
        Deployment? deployment = null;
        List<Pod> pods = [];
        await Eventually.UntilAsync(
            async () =>
            {
                deployment = await Client.GetAsync(KubernetesResources.Deployments, Namespace, "api", CancellationToken.None);
                pods = (await Client.ListAsync(KubernetesResources.Pods, Namespace, new ListOptions { LabelSelector = "app.kubernetes.io/name=api" }, CancellationToken.None)).Items;
                return deployment.Spec?.Replicas == 2 && RolloutStatusEvaluator.Evaluate(deployment).IsDone
                    && pods.Count == 2 && pods.All(p => p.Spec?.Containers.Single().Image == image && p.Metadata.DeletionTimestamp is null
                        && p.Status?.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) == true);
            },
            TimeSpan.FromSeconds(20),
            () => $"deployment: {JsonSerializer.Serialize(deployment?.Status)}; pods: {JsonSerializer.Serialize(pods.Select(p => new { p.Metadata.Name, p.Spec?.Containers[0].Image, p.Status?.Phase }))}");
        return deployment!;
    }

    private static KubernetesResource<KubernetesObject> Resource(string apiVersion, string kind) =>
        UntypedKubernetesResources.TryFind(apiVersion, kind, out var resource) ? resource : throw new InvalidOperationException($"{apiVersion} {kind} is not mapped");
}
