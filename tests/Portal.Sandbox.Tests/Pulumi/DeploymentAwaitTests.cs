using System.Text.Json;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Pulumi;
using Portal.Sandbox.Tests.Kubernetes;

namespace Portal.Sandbox.Tests.Pulumi;

/// <summary>
/// How the sandbox's kubernetes provider waits for a Deployment, as pulumi-kubernetes does: an update is not ready on
/// the previous rollout's status, a crashing image fails at the progress deadline as a partial failure (the new inputs
/// are saved with <c>initErrors</c>), and the next update retries it or rolls it back.
/// </summary>
public sealed class DeploymentAwaitTests : IAsyncLifetime
{
    private const string Program = """
        name: app
        runtime: yaml
        config:
          image:
            type: string
            default: nginx:1.27
        resources:
          web:
            type: kubernetes:apps/v1:Deployment
            properties:
              metadata:
                namespace: default
                name: web
              spec:
                replicas: 2
                progressDeadlineSeconds: 20
                selector: {matchLabels: {app: web}}
                template:
                  metadata: {labels: {app: web}}
                  spec:
                    containers:
                      - name: web
                        image: ${image}
        outputs:
          image: ${web.spec.template.spec.containers[0].image}
        """;

    private static readonly CancellationToken s_none = CancellationToken.None;
    private readonly string _kubeconfigDirectory = Directory.CreateTempSubdirectory("portal-await-").FullName;
    private SandboxTestCluster _cluster = null!;
    private SandboxStack _stack = null!;

    public async Task InitializeAsync()
    {
        _cluster = await SandboxTestCluster.StartAsync(speed: 20);
        var kubeconfig = Path.Combine(_kubeconfigDirectory, "kubeconfig.json");
        await File.WriteAllTextAsync(kubeconfig, _cluster.Server.Kubeconfig);
        _stack = await (await SandboxStack.CreateAsync(Program, kubeconfig: kubeconfig)).InitAsync();
    }

    public async Task DisposeAsync()
    {
        _stack.Dispose();
        Directory.Delete(_kubeconfigDirectory, recursive: true);
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Up_CrashingImage_FailsAtTheDeadlineKeepsTheNewInputsAndRetriesOrRollsBack()
    {
        Assert.True((await _stack.Runner.UpAsync(_stack.Workspace, new StackOperationOptions(), s_none)).Succeeded);

        // Right after the patch the status still shows the old ReplicaSet's two ready pods: that must not count.
        await _stack.Runner.SetConfigAsync(_stack.Workspace, "image", new ConfigValue("nginx:1.27-crash"), path: false, s_none);
        var progress = new ProgressRecorder();
        await Assert.ThrowsAsync<PulumiCommandException>(
            () => _stack.Runner.UpAsync(_stack.Workspace, new StackOperationOptions { OnProgress = progress.Handler }, s_none));

        Assert.Contains(progress.Items, p => p is DiagnosticProgress { Severity: "error" } d
            && d.Message.Contains("Deployment 'web' exceeded its progress deadline", StringComparison.Ordinal));
        var web = Resource(await _stack.Runner.ExportStackAsync(_stack.Workspace, s_none), "web");
        Assert.Equal("nginx:1.27-crash", web.GetProperty("inputs").GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("image").GetString());
        Assert.Contains("exceeded its progress deadline", web.GetProperty("initErrors")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("default/web", web.GetProperty("id").GetString());

        // Nothing changed, yet the resource that failed to initialize is updated again, as the real engine plans it.
        var retry = await _stack.Runner.PreviewAsync(_stack.Workspace, new StackOperationOptions(), s_none);
        Assert.Contains(retry.Steps, s => s.Urn.EndsWith("::web", StringComparison.Ordinal) && s.Operation == "update");

        // Rolling back the config is a diff against the saved crash inputs, so the old image really comes back.
        await _stack.Runner.SetConfigAsync(_stack.Workspace, "image", new ConfigValue("nginx:1.27"), path: false, s_none);
        var rollback = await _stack.Runner.UpAsync(_stack.Workspace, new StackOperationOptions(), s_none);

        Assert.True(rollback.Succeeded);
        Assert.Equal("nginx:1.27", rollback.Outputs["image"].ToDisplayString());
        var live = await _cluster.Client.GetAsync(KubernetesResources.Deployments, "default", "web", s_none);
        Assert.Equal("nginx:1.27", live.Spec?.Template?.Spec?.Containers.Single().Image);
        web = Resource(await _stack.Runner.ExportStackAsync(_stack.Workspace, s_none), "web");
        Assert.False(web.TryGetProperty("initErrors", out _));
    }

    private static JsonElement Resource(string export, string name)
    {
        using var document = JsonDocument.Parse(export);
        return document.RootElement.GetProperty("deployment").GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("urn").GetString()!.EndsWith("::" + name, StringComparison.Ordinal)).Clone();
    }
}
