using System.Text.Json;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Pulumi;
using Portal.Sandbox.Tests.Kubernetes;

namespace Portal.Sandbox.Tests.Pulumi;

/// <summary>
/// Issue "[3/6] Pulumi CLI driver and the sandbox pulumi CLI", end to end: the real driver runs the sandbox CLI (a separate
/// process through the launcher), whose kubernetes provider applies through the portal's Kubernetes client to an in-process
/// sandbox API server; the cluster is then inspected with that same client.
/// </summary>
public sealed class EksDeploymentEndToEndTests : IAsyncLifetime
{
    private const string Namespace = "shop";
    private const string Program = """
        name: web-app
        runtime: yaml
        config:
          image:
            type: string
            default: nginx:1.27
        resources:
          cluster:
            type: eks:Cluster
            properties:
              instanceType: t3.medium
              desiredCapacity: 2
          k8s:
            type: pulumi:providers:kubernetes
            properties:
              kubeconfig: ${cluster.kubeconfig}
          ns:
            type: kubernetes:core/v1:Namespace
            properties:
              metadata:
                name: shop
            options:
              provider: ${k8s}
          web:
            type: kubernetes:apps/v1:Deployment
            properties:
              metadata:
                namespace: ${ns.metadata.name}
                name: web
                labels: {app: web}
              spec:
                replicas: 2
                selector: {matchLabels: {app: web}}
                template:
                  metadata: {labels: {app: web}}
                  spec:
                    containers:
                      - name: web
                        image: ${image}
                        ports: [{containerPort: 80}]
            options:
              provider: ${k8s}
          frontend:
            type: kubernetes:core/v1:Service
            properties:
              metadata: {namespace: "${ns.metadata.name}", name: web}
              spec:
                type: LoadBalancer
                selector: {app: web}
                ports: [{port: 80, targetPort: 80}]
            options:
              provider: ${k8s}
        outputs:
          kubeconfig:
            fn::secret: ${cluster.kubeconfig}
          clusterName: ${cluster.eksCluster.name}
          deployment: ${web.metadata.name}
          image: ${web.spec.template.spec.containers[0].image}
          hostname: ${frontend.status.loadBalancer.ingress[0].hostname}
        """;

    // Slow enough that the LoadBalancer finalizer (2 s / speed) and the namespace's emptying outlast a destroy that did
    // not wait for them, fast enough that pods are Ready in a fraction of a second.
    private const double ClusterSpeed = 10;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(20);

    private SandboxTestCluster _cluster = null!;
    private readonly string _kubeconfigDirectory = Path.Combine(Path.GetTempPath(), "portal-e2e-kubeconfig", Guid.NewGuid().ToString("N"));
    private SandboxStack? _stack;

    private ClusterClient? _environmentClient;

    /// <summary>A client of the stack's own (virtual) cluster, from its kubeconfig output.</summary>
    private ClusterClient Client => _environmentClient ?? throw new InvalidOperationException("no stack output yet");

    private SandboxStack Stack => _stack ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        _cluster = await SandboxTestCluster.StartAsync(ClusterSpeed);
        Directory.CreateDirectory(_kubeconfigDirectory);
        var kubeconfig = Path.Combine(_kubeconfigDirectory, "sandbox-kubeconfig.json");
        await File.WriteAllTextAsync(kubeconfig, _cluster.Server.Kubeconfig);
        _stack = await (await SandboxStack.CreateAsync(Program, kubeconfig: kubeconfig)).InitAsync();
    }

    public async Task DisposeAsync()
    {
        _environmentClient?.Dispose();
        _stack?.Dispose();
        Directory.Delete(_kubeconfigDirectory, recursive: true);
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task UpUpdateDestroy_EksClusterWithDeploymentBehindLoadBalancer_RunsPodsRollsImageAndCleansUp()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var first = await Stack.Runner.UpAsync(Stack.Workspace, new StackOperationOptions(), timeout.Token);

        Assert.True(first.Succeeded);
        Assert.True(first.Outputs["kubeconfig"].IsSecret);
        Assert.Equal(StackOutputValue.SecretPlaceholder, first.Outputs["kubeconfig"].ToDisplayString());
        Assert.Equal(StackOutputValue.SecretPlaceholder, (await Stack.Runner.GetMaskedOutputsAsync(Stack.Workspace, timeout.Token))["kubeconfig"].ToDisplayString());
        var clusterName = first.Outputs["clusterName"].ToDisplayString();
        Assert.Equal(
            $"{_cluster.Server.HttpsUrl!.ToString().TrimEnd('/')}/clusters/{clusterName}",
            first.Outputs["kubeconfig"].Value.GetProperty("clusters")[0].GetProperty("cluster").GetProperty("server").GetString());
        _environmentClient = SandboxTestCluster.CreateClient(first.Outputs["kubeconfig"].Value.GetRawText());
        Assert.Equal("web", first.Outputs["deployment"].ToDisplayString());
        Assert.Equal("nginx:1.27", first.Outputs["image"].ToDisplayString());
        var hostname = first.Outputs["hostname"].ToDisplayString();
        Assert.EndsWith(".elb.us-east-1.amazonaws.com", hostname, StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9-]+-eksCluster-", first.Outputs["clusterName"].ToDisplayString());

        await WaitForPodsAsync("nginx:1.27");
        var service = await Client.GetAsync(KubernetesResources.Services, Namespace, "web", timeout.Token);
        Assert.Equal(hostname, service.Status?.LoadBalancer?.Ingress?[0].Hostname);
        var created = await Client.GetAsync(KubernetesResources.Deployments, Namespace, "web", timeout.Token);

        await Stack.Runner.SetConfigAsync(Stack.Workspace, "image", new ConfigValue("nginx:1.28"), path: false, timeout.Token);
        var progress = new ProgressRecorder();
        var second = await Stack.Runner.UpAsync(Stack.Workspace, new StackOperationOptions { OnProgress = progress.Handler }, timeout.Token);

        Assert.Equal("nginx:1.28", second.Outputs["image"].ToDisplayString());
        Assert.Contains(progress.Resources, r => r is { Name: "web", Phase: ResourceEventPhase.Completed, Operation: "update" });
        var updated = await Client.GetAsync(KubernetesResources.Deployments, Namespace, "web", timeout.Token);
        Assert.Equal(created.Metadata.Uid, updated.Metadata.Uid);
        Assert.Equal("nginx:1.28", updated.Spec?.Template?.Spec?.Containers.Single().Image);
        var replicaSets = (await Client.ListAsync(KubernetesResources.ReplicaSets, Namespace, new ListOptions { LabelSelector = "app=web" }, timeout.Token)).Items;
        Assert.Equal(["nginx:1.27", "nginx:1.28"], replicaSets.Select(r => r.Spec?.Template?.Spec?.Containers.Single().Image).Order());
        await WaitForPodsAsync("nginx:1.28");
        service = await Client.GetAsync(KubernetesResources.Services, Namespace, "web", timeout.Token);
        Assert.Equal(hostname, service.Status?.LoadBalancer?.Ingress?[0].Hostname);

        var destroyed = await Stack.Runner.DestroyAsync(Stack.Workspace, new StackOperationOptions(), timeout.Token);

        // No polling here: destroy returns only once the objects are gone (the Service's load-balancer finalizer and the
        // namespace's emptying included).
        // The eks:Cluster's virtual cluster went with it, objects and all; the default cluster never held any of them.
        Assert.True(destroyed.Succeeded);
        Assert.DoesNotContain(clusterName, _cluster.Server.VirtualClusterNames);
        await Assert.ThrowsAsync<KubernetesNotFoundException>(() => Client.GetAsync(KubernetesResources.Namespaces, null, Namespace, timeout.Token));
        await Assert.ThrowsAsync<KubernetesNotFoundException>(() => _cluster.Client.GetAsync(KubernetesResources.Namespaces, null, Namespace, timeout.Token));
    }

    /// <summary>Every pod of the Deployment runs <paramref name="image"/> and is Running and Ready (old pods gone).</summary>
    private async Task WaitForPodsAsync(string image)
    {
        List<Pod> pods = [];
        await Eventually.UntilAsync(
            async () =>
            {
                pods = (await Client.ListAsync(KubernetesResources.Pods, Namespace, new ListOptions { LabelSelector = "app=web" }, CancellationToken.None)).Items;
                return pods.Count == 2 && pods.All(p => p.Spec?.Containers.Single().Image == image && p.Metadata.DeletionTimestamp is null
                    && p.Status?.Phase == "Running" && p.Status.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) == true);
            },
            s_deadline,
            () => "pods: " + JsonSerializer.Serialize(pods.Select(p => new { p.Metadata.Name, p.Spec?.Containers[0].Image, p.Status?.Phase })));
    }
}
