using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Pulumi;
using Portal.Sandbox.Tests.Kubernetes;
using Portal.Sandbox.Tests.Pulumi;

namespace Portal.Sandbox.Tests.Templates;

/// <summary>
/// templates/eks-environment as shipped, with its defaults, through the real driver and the sandbox CLI against an
/// in-process sandbox API server (the cluster the EKS resource hands out): outputs, the starter workload, the load balancer
/// controller's service account, the IRSA trust policy, and a destroy that leaves nothing behind; and two environments
/// side by side, each in its own virtual cluster.
/// </summary>
public sealed class EksEnvironmentTemplateTests : IAsyncLifetime
{
    private const string AppNamespace = "apps";
    private const double ClusterSpeed = 20;
    private readonly string _kubeconfigDirectory = Path.Combine(Path.GetTempPath(), "portal-template-kubeconfig", Guid.NewGuid().ToString("N"));
    private readonly List<IDisposable> _disposables = [];
    private SandboxTestCluster _cluster = null!;
    private string _kubeconfig = null!;
    private SandboxStack? _stack;

    private SandboxStack Stack => _stack ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        _cluster = await SandboxTestCluster.StartAsync(ClusterSpeed);
        Directory.CreateDirectory(_kubeconfigDirectory);
        _kubeconfig = Path.Combine(_kubeconfigDirectory, "sandbox-kubeconfig.json");
        await File.WriteAllTextAsync(_kubeconfig, _cluster.Server.Kubeconfig);
        _stack = await CreateStackAsync();
    }

    public async Task DisposeAsync()
    {
        _disposables.ForEach(d => d.Dispose());
        Directory.Delete(_kubeconfigDirectory, recursive: true);
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task UpDestroy_Defaults_CreatesTheEnvironmentAndRemovesIt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var up = await Stack.Runner.UpAsync(Stack.Workspace, new StackOperationOptions(), timeout.Token);

        Assert.True(up.Succeeded);
        Assert.Equal(
            ["appNamespace", "clusterName", "kubeconfig", "loadBalancerControllerRoleArn", "loadBalancerHostname", "repositoryUrl", "vpcId"],
            up.Outputs.Keys.Order(StringComparer.Ordinal));
        Assert.True(up.Outputs["kubeconfig"].IsSecret);
        var kubeconfig = JsonNode.Parse(up.Outputs["kubeconfig"].Value.GetString()!)!;
        var clusterName = up.Outputs["clusterName"].ToDisplayString();
        Assert.Equal($"{_cluster.Server.HttpsUrl!.ToString().TrimEnd('/')}/clusters/{clusterName}", kubeconfig["clusters"]![0]!["cluster"]!["server"]!.GetValue<string>());
        var client = ClientOf(up);
        Assert.EndsWith(".elb.us-east-1.amazonaws.com", up.Outputs["loadBalancerHostname"].ToDisplayString(), StringComparison.Ordinal);
        Assert.Matches(@"^\d{12}\.dkr\.ecr\.us-east-1\.amazonaws\.com/[a-z0-9][a-z0-9._-]*$", up.Outputs["repositoryUrl"].ToDisplayString());
        Assert.Matches("^vpc-0[0-9a-f]+$", up.Outputs["vpcId"].ToDisplayString());
        Assert.Matches(@"^cluster-eksCluster-[0-9a-f]+$", up.Outputs["clusterName"].ToDisplayString());
        Assert.Equal(AppNamespace, up.Outputs["appNamespace"].ToDisplayString());
        var roleArn = up.Outputs["loadBalancerControllerRoleArn"].ToDisplayString();
        Assert.Matches(@"^arn:aws:iam::\d{12}:role/loadBalancerControllerRole-[0-9a-f]{7}$", roleArn);

        await WaitForWebPodsAsync(client);
        var service = await client.GetAsync(KubernetesResources.Services, AppNamespace, "web", timeout.Token);
        Assert.Equal(up.Outputs["loadBalancerHostname"].ToDisplayString(), service.Status?.LoadBalancer?.Ingress?[0].Hostname);
        Assert.Equal("external", service.Metadata.Annotations!["service.beta.kubernetes.io/aws-load-balancer-type"]);
        var account = await client.GetAsync(ServiceAccounts, "kube-system", "aws-load-balancer-controller", timeout.Token);
        Assert.Equal(roleArn, account.Metadata.Annotations!["eks.amazonaws.com/role-arn"]);
        await AssertTrustPolicyNamesTheControllerAsync(timeout.Token);
        Assert.Equal([clusterName], _cluster.Server.VirtualClusterNames);
        await Assert.ThrowsAsync<KubernetesNotFoundException>(() => _cluster.Client.GetAsync(KubernetesResources.Namespaces, null, AppNamespace, timeout.Token));

        var destroyed = await Stack.Runner.DestroyAsync(Stack.Workspace, new StackOperationOptions(), timeout.Token);

        // Deleting the eks:Cluster deleted its virtual cluster, with whatever was left in it.
        Assert.True(destroyed.Succeeded);
        Assert.Empty(_cluster.Server.VirtualClusterNames);
        await Assert.ThrowsAsync<KubernetesNotFoundException>(() => client.GetAsync(KubernetesResources.Namespaces, null, AppNamespace, timeout.Token));
        using var state = JsonDocument.Parse(await Stack.Runner.ExportStackAsync(Stack.Workspace, timeout.Token));
        Assert.False(state.RootElement.GetProperty("deployment").TryGetProperty("resources", out var left) && left.GetArrayLength() > 0, left.ToString());
    }

    [Fact]
    public async Task Up_TwoEnvironments_EachHasItsOwnClusterAndDestroyingOneLeavesTheOtherRunning()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var other = await CreateStackAsync();

        var first = await Stack.Runner.UpAsync(Stack.Workspace, new StackOperationOptions(), timeout.Token);
        var second = await other.Runner.UpAsync(other.Workspace, new StackOperationOptions(), timeout.Token);

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.NotEqual(first.Outputs["clusterName"].ToDisplayString(), second.Outputs["clusterName"].ToDisplayString());
        var firstClient = ClientOf(first);
        var secondClient = ClientOf(second);
        var firstPods = await WaitForWebPodsAsync(firstClient);
        var secondPods = await WaitForWebPodsAsync(secondClient);

        // The same namespace and name in both, yet two objects: each cluster lists only its own.
        var firstWeb = Assert.Single((await firstClient.ListAsync(KubernetesResources.Deployments, null, null, timeout.Token)).Items);
        var secondWeb = Assert.Single((await secondClient.ListAsync(KubernetesResources.Deployments, null, null, timeout.Token)).Items);
        Assert.Equal(("apps", "web"), (secondWeb.Metadata.Namespace, secondWeb.Metadata.Name));
        Assert.NotEqual(firstWeb.Metadata.Uid, secondWeb.Metadata.Uid);
        Assert.Empty(firstPods.Select(p => p.Metadata.Uid).Intersect(secondPods.Select(p => p.Metadata.Uid)));
        Assert.Empty((await _cluster.Client.ListAsync(KubernetesResources.Deployments, null, null, timeout.Token)).Items);

        var destroyed = await Stack.Runner.DestroyAsync(Stack.Workspace, new StackOperationOptions(), timeout.Token);

        Assert.True(destroyed.Succeeded);
        Assert.Equal([second.Outputs["clusterName"].ToDisplayString()], _cluster.Server.VirtualClusterNames);
        var remaining = await WaitForWebPodsAsync(secondClient);
        Assert.Equal(secondPods.Select(p => p.Metadata.Uid).Order(), remaining.Select(p => p.Metadata.Uid).Order());
        var service = await secondClient.GetAsync(KubernetesResources.Services, AppNamespace, "web", timeout.Token);
        Assert.Null(service.Metadata.DeletionTimestamp);
        Assert.Equal(second.Outputs["loadBalancerHostname"].ToDisplayString(), service.Status?.LoadBalancer?.Ingress?[0].Hostname);
    }

    private async Task<SandboxStack> CreateStackAsync()
    {
        var stack = await SandboxStack.CreateAsync(RepositoryTemplates.ReadProgram("eks-environment"), kubeconfig: _kubeconfig);
        _disposables.Add(stack);
        return await stack.InitAsync();
    }

    /// <summary>A client of the environment's own (virtual) cluster, from its kubeconfig output, as the portal builds one.</summary>
    private ClusterClient ClientOf(StackUpdateResult result)
    {
        var client = SandboxTestCluster.CreateClient(result.Outputs["kubeconfig"].Value.GetString()!);
        _disposables.Add(client);
        return client;
    }

    private static KubernetesResource<KubernetesObject> ServiceAccounts =>
        UntypedKubernetesResources.TryFind("v1", "ServiceAccount", out var resource) ? resource : throw new InvalidOperationException("ServiceAccount is not mapped");

    /// <summary>The role trusts only kube-system/aws-load-balancer-controller, through the cluster's OIDC provider.</summary>
    private async Task AssertTrustPolicyNamesTheControllerAsync(CancellationToken cancellationToken)
    {
        using var state = JsonDocument.Parse(await Stack.Runner.ExportStackAsync(Stack.Workspace, cancellationToken));
        var resources = state.RootElement.GetProperty("deployment").GetProperty("resources").EnumerateArray().ToList();
        var cluster = resources.Single(r => r.GetProperty("type").GetString() == "eks:Cluster").GetProperty("outputs");
        var role = resources.Single(r => r.GetProperty("type").GetString() == "aws:iam:Role").GetProperty("inputs");
        var statement = JsonNode.Parse(role.GetProperty("assumeRolePolicy").GetString()!)!["Statement"]![0]!;
        var issuer = cluster.GetProperty("oidcIssuer").GetString()!;
        Assert.Equal("sts:AssumeRoleWithWebIdentity", statement["Action"]!.GetValue<string>());
        Assert.Equal(cluster.GetProperty("oidcProviderArn").GetString(), statement["Principal"]!["Federated"]!.GetValue<string>());
        Assert.Equal("system:serviceaccount:kube-system:aws-load-balancer-controller", statement["Condition"]!["StringEquals"]![$"{issuer}:sub"]!.GetValue<string>());
    }

    private static async Task<List<Pod>> WaitForWebPodsAsync(ClusterClient client)
    {
        List<Pod> pods = [];
        await Eventually.UntilAsync(
            async () =>
            {
                pods = (await client.ListAsync(KubernetesResources.Pods, AppNamespace, new ListOptions { LabelSelector = "app=web" }, CancellationToken.None)).Items;
                return pods.Count == 2 && pods.All(p => p.Spec?.Containers.Single().Image == "nginx:1.27" && p.Spec.Containers[0].Name == "web"
                    && p.Status?.Phase == "Running" && p.Status.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) == true);
            },
            TimeSpan.FromSeconds(20),
            () => "pods: " + JsonSerializer.Serialize(pods.Select(p => new { p.Metadata.Name, p.Status?.Phase })));
        return pods;
    }
}
