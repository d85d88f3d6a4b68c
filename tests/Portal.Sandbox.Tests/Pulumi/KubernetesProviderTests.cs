using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Provisioning.Pulumi;
using Portal.Sandbox.Pulumi;
using Portal.Sandbox.Pulumi.Providers;

namespace Portal.Sandbox.Tests.Pulumi;

/// <summary>An EKS cluster plus a Deployment behind a LoadBalancer Service: the kubernetes provider resolves the cluster
/// from the EKS kubeconfig and applies through <see cref="ISandboxKubernetesApplier"/>.</summary>
public sealed class KubernetesProviderTests : IDisposable
{
    public const string EksApp = """
        name: app-env
        runtime: yaml
        resources:
          network:
            type: awsx:ec2:Vpc
            properties:
              numberOfAvailabilityZones: 3
          cluster:
            type: eks:Cluster
            properties:
              vpcId: ${network.vpcId}
              privateSubnetIds: ${network.privateSubnetIds}
              instanceType: t3.medium
              desiredCapacity: 2
          k8s:
            type: pulumi:providers:kubernetes
            properties:
              kubeconfig: ${cluster.kubeconfigJson}
          ns:
            type: kubernetes:core/v1:Namespace
            properties:
              metadata:
                name: apps
            options:
              provider: ${k8s}
          web:
            type: kubernetes:apps/v1:Deployment
            properties:
              metadata:
                namespace: ${ns.metadata.name}
                labels: {app: web}
              spec:
                replicas: 2
                selector: {matchLabels: {app: web}}
                template:
                  metadata: {labels: {app: web}}
                  spec:
                    containers:
                      - name: web
                        image: nginx:1.27
                        ports: [{containerPort: 80}]
            options:
              provider: ${k8s}
          service:
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
          kubeconfig: ${cluster.kubeconfig}
          deploymentName: ${web.metadata.name}
          hostname: ${service.status.loadBalancer.ingress[0].hostname}
          clusterVpc: ${cluster.eksCluster.vpcConfig.vpcId}
          clusterName: ${cluster.eksCluster.name}
          firstPrivateSubnet: ${network.privateSubnetIds[2]}
        """;

    private const string SandboxServer = "https://127.0.0.1:6443";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "portal-pulumi-k8s", Guid.NewGuid().ToString("N"));
    private readonly string _kubeconfig;

    public KubernetesProviderTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "project"));
        Directory.CreateDirectory(Path.Combine(_root, "state"));
        File.WriteAllText(Path.Combine(_root, "project", "Pulumi.yaml"), EksApp);
        _kubeconfig = Path.Combine(_root, "sandbox-kubeconfig.json");
        File.WriteAllText(_kubeconfig, """
            {"apiVersion":"v1","kind":"Config","current-context":"sandbox",
             "clusters":[{"name":"sandbox","cluster":{"server":"SERVER","insecure-skip-tls-verify":true}}],
             "contexts":[{"name":"sandbox","context":{"cluster":"sandbox","user":"admin"}}],
             "users":[{"name":"admin","user":{"token":"sandbox-token"}}]}
            """.Replace("SERVER", SandboxServer, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Up_EksClusterWithDeploymentBehindLoadBalancer_AppliesToTheSandboxClusterAndOutputsHostname()
    {
        var applier = new FakeKubernetesApplier();

        await RunOkAsync(applier, "stack", "init", "dev");
        await RunOkAsync(applier, "up", "--yes", "--skip-preview", "--stack", "dev");
        var outputs = JsonDocument.Parse(await RunOkAsync(applier, "stack", "output", "--json", "--show-secrets", "--stack", "dev")).RootElement;

        Assert.Equal("a1b2c3-123.us-east-1.elb.amazonaws.com", outputs.GetProperty("hostname").GetString());
        Assert.StartsWith("vpc-0", outputs.GetProperty("clusterVpc").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("subnet-0", outputs.GetProperty("firstPrivateSubnet").GetString(), StringComparison.Ordinal);
        var clusterName = outputs.GetProperty("clusterName").GetString()!;
        var virtualCluster = $"{SandboxServer}/clusters/{clusterName}";
        Assert.Equal(virtualCluster, outputs.GetProperty("kubeconfig").GetProperty("clusters")[0].GetProperty("cluster").GetProperty("server").GetString());
        Assert.Equal([clusterName], applier.VirtualClusters.Keys);
        Assert.StartsWith("web-", outputs.GetProperty("deploymentName").GetString(), StringComparison.Ordinal);
        Assert.All(applier.Servers, s => Assert.Equal(virtualCluster, s));
        Assert.Contains("Namespace//apps", applier.Objects.Keys);
        Assert.Equal(2, applier.Objects[$"Deployment/apps/{outputs.GetProperty("deploymentName").GetString()}"]["status"]!["readyReplicas"]!.GetValue<int>());
        Assert.Equal("LoadBalancer", applier.Objects["Service/apps/web"]["spec"]!["type"]!.GetValue<string>());

        await RunOkAsync(applier, "destroy", "--yes", "--skip-preview", "--stack", "dev");
        Assert.Empty(applier.Objects);
        Assert.Empty(applier.VirtualClusters);
    }

    [Fact]
    public async Task Up_DeploymentNeverReady_FailsAfterTimeoutAnnotationWithLastStatus()
    {
        File.WriteAllText(Path.Combine(_root, "project", "Pulumi.yaml"), """
            name: stuck
            runtime: yaml
            resources:
              web:
                type: kubernetes:apps/v1:Deployment
                properties:
                  metadata:
                    name: web
                    annotations:
                      pulumi.com/timeoutSeconds: "1"
                  spec:
                    replicas: 3
            """);
        var applier = new NeverReadyApplier();

        await RunOkAsync(applier, "stack", "init", "dev");
        var (code, output) = await RunAsync(applier, true, "up", "--yes", "--stack", "dev");

        Assert.Equal(1, code);
        Assert.Contains("timed out waiting for Deployment 'web' to become ready after 1 s", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_WithoutSandboxKubeconfig_EmitsEksShapedKubeconfig()
    {
        File.WriteAllText(Path.Combine(_root, "project", "Pulumi.yaml"), """
            name: eks-only
            runtime: yaml
            resources:
              cluster:
                type: eks:Cluster
            outputs:
              kubeconfig: ${cluster.kubeconfig}
            """);
        var applier = new FakeKubernetesApplier();

        await RunOkAsync(applier, false, "stack", "init", "dev");
        await RunOkAsync(applier, false, "up", "--yes", "--stack", "dev");
        var kubeconfig = JsonDocument.Parse(await RunOkAsync(applier, false, "stack", "output", "kubeconfig", "--json", "--stack", "dev")).RootElement;

        Assert.Matches(@"^https://[0-9A-F]{32}\.gr7\.us-east-1\.eks\.amazonaws\.com$", kubeconfig.GetProperty("clusters")[0].GetProperty("cluster").GetProperty("server").GetString());
        var exec = kubeconfig.GetProperty("users")[0].GetProperty("user").GetProperty("exec");
        Assert.Equal("aws", exec.GetProperty("command").GetString());
        Assert.Equal(["--region", "us-east-1", "eks", "get-token", "--cluster-name"], exec.GetProperty("args").EnumerateArray().Take(5).Select(a => a.GetString()));
    }

    [Fact]
    public async Task UpAsync_ThroughDriverWithUnreachableCluster_FailsOnTheEksClusterWithClearDiagnostic()
    {
        var server = $"https://127.0.0.1:{ClosedPort()}";
        var kubeconfig = Path.Combine(_root, "unreachable-kubeconfig.json");
        await File.WriteAllTextAsync(kubeconfig, (await File.ReadAllTextAsync(_kubeconfig)).Replace(SandboxServer, server, StringComparison.Ordinal));
        using var stack = await (await SandboxStack.CreateAsync(EksApp, kubeconfig: kubeconfig)).InitAsync();
        var progress = new ProgressRecorder();

        await Assert.ThrowsAsync<PulumiCommandException>(
            () => stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions { OnProgress = progress.Handler }, CancellationToken.None));

        // The eks:Cluster creates its virtual cluster on the sandbox API server, so that is the first step to fail.
        Assert.DoesNotContain(progress.Resources, r => r is { Name: "cluster", Phase: ResourceEventPhase.Completed });
        Assert.Contains(progress.Items, p => p is DiagnosticProgress { Severity: "error" } d
            && d.Message.Contains("eks:Cluster: cannot create VirtualCluster 'cluster-eksCluster-", StringComparison.Ordinal)
            && d.Message.Contains($"the API server at {server}/ is unreachable", StringComparison.Ordinal));
        Assert.DoesNotContain(progress.Items, p => p is DiagnosticProgress d && d.Message.Contains("sandbox-token", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A loopback port nobody listens on: bound, read, and released again.</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A cluster whose Deployments never become ready.</summary>
    private sealed class NeverReadyApplier : ISandboxKubernetesApplier
    {
        public Task<JsonObject> ApplyAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken) =>
            Task.FromResult(Live(manifest));

        public Task<JsonObject?> ReadAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken) =>
            Task.FromResult<JsonObject?>(Live(manifest));

        public Task DeleteAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task CreateVirtualClusterAsync(SandboxKubernetesCluster server, string name, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteVirtualClusterAsync(SandboxKubernetesCluster server, string name, CancellationToken cancellationToken) => Task.CompletedTask;

        private static JsonObject Live(JsonObject manifest)
        {
            var live = (JsonObject)manifest.DeepClone();
            live["status"] = new JsonObject { ["replicas"] = 3, ["readyReplicas"] = 1, ["updatedReplicas"] = 3 };
            return live;
        }
    }

    private Task<string> RunOkAsync(ISandboxKubernetesApplier applier, params string[] args) => RunOkAsync(applier, true, args);

    private async Task<string> RunOkAsync(ISandboxKubernetesApplier applier, bool withKubeconfig, params string[] args)
    {
        var (code, output) = await RunAsync(applier, withKubeconfig, args);
        Assert.True(code == 0, $"exit {code}: {output}");
        return output;
    }

    private async Task<(int Code, string Output)> RunAsync(ISandboxKubernetesApplier applier, bool withKubeconfig, params string[] args)
    {
        var environment = new Dictionary<string, string?>
        {
            ["PULUMI_BACKEND_URL"] = "file://" + Path.Combine(_root, "state"),
            ["PULUMI_CONFIG_PASSPHRASE"] = "pw",
            ["PULUMI_HOME"] = Path.Combine(_root, "home"),
            ["PORTAL_SANDBOX_SPEED"] = "1000",
            [SandboxKubeconfig.EnvironmentVariable] = withKubeconfig ? _kubeconfig : null,
        };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SandboxPulumiCli.RunAsync(
            ["--cwd", Path.Combine(_root, "project"), .. args],
            SandboxProviderRegistry.CreateDefault(applier),
            output,
            error,
            new StringReader(""),
            name => environment.GetValueOrDefault(name));
        return (code, $"{output}\n{error}");
    }
}
