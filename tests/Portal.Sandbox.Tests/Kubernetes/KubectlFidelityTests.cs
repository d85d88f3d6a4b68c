using System.Text.Json.Nodes;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Rollout;

namespace Portal.Sandbox.Tests.Kubernetes;

/// <summary>
/// The real kubectl (1.32, chosen by the dispatcher from the server's /version) against the sandbox over HTTPS with the
/// exported CA and bearer token: what kubectl prints and what the objects look like afterwards.
/// </summary>
public class KubectlFidelityTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [KubectlFact]
    public async Task GetPodsJson_AfterRollout_PrintsTheServersPods()
    {
        await using var cluster = await ReadyClusterAsync();
        using var kubectl = new Kubectl(cluster.Server.Kubeconfig);

        var result = await kubectl.RunAsync("get", "pods", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var printed = JsonNode.Parse(result.Stdout)!;
        var names = printed["items"]!.AsArray().Select(p => p!["metadata"]!["name"]!.GetValue<string>()).Order().ToList();
        var server = await cluster.Client.ListAsync(KubernetesResources.Pods, "default", null, s_none);
        Assert.Equal(server.Items.Select(p => p.Metadata.Name!).Order(), names);
        Assert.All(printed["items"]!.AsArray(), p => Assert.Equal("Running", p!["status"]!["phase"]!.GetValue<string>()));
    }

    [KubectlFact]
    public async Task GetDeploy_ServerSideTable_PrintsKubectlColumns()
    {
        await using var cluster = await ReadyClusterAsync();
        using var kubectl = new Kubectl(cluster.Server.Kubeconfig);

        var result = await kubectl.RunAsync("get", "deploy");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$", lines[0]);
        Assert.Matches(@"^web\s+2/2\s+2\s+2\s+\d+s$", lines[1]);
    }

    [KubectlFact]
    public async Task SetImage_OneContainer_PrintsImageUpdatedAndPatchesOnlyIt()
    {
        await using var cluster = await ReadyClusterAsync();
        using var kubectl = new Kubectl(cluster.Server.Kubeconfig);

        var result = await kubectl.RunAsync("set", "image", "deployment/web", "web=nginx:1.28");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("deployment.apps/web image updated", result.Stdout.Trim());
        var deployment = await cluster.Client.GetAsync(KubernetesResources.Deployments, "default", "web", s_none);
        Assert.Equal("nginx:1.28", Assert.Single(deployment.Spec!.Template!.Spec!.Containers).Image);
        Assert.Equal(2, deployment.Metadata.Generation);
    }

    [KubectlFact]
    public async Task RolloutRestart_Deployment_PrintsRestartedAndStampsTemplate()
    {
        await using var cluster = await ReadyClusterAsync();
        using var kubectl = new Kubectl(cluster.Server.Kubeconfig);

        var result = await kubectl.RunAsync("rollout", "restart", "deployment/web");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("deployment.apps/web restarted", result.Stdout.Trim());
        var deployment = await cluster.WaitForDeploymentAsync("web", d => RolloutStatusEvaluator.Evaluate(d).IsDone && d.Metadata.Annotations?["deployment.kubernetes.io/revision"] == "2");
        var stamp = deployment.Spec!.Template!.Metadata!.Annotations!["kubectl.kubernetes.io/restartedAt"];
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse(stamp, System.Globalization.CultureInfo.InvariantCulture) < TimeSpan.FromMinutes(1));
    }

    [KubectlFact]
    public async Task RolloutStatus_DuringRollingUpdate_WaitsThenReportsSuccess()
    {
        // Real-time pods (speed 1): the rollout must still be going when a kubectl started on a loaded machine first looks.
        await using var cluster = await ReadyClusterAsync(speed: 1);
        using var kubectl = new Kubectl(cluster.Server.Kubeconfig);
        await cluster.Client.SetContainerImageAsync("default", "web", "web", "nginx:1.28", s_none);

        var result = await kubectl.RunAsync("rollout", "status", "deployment/web", "--timeout=30s");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("Waiting for deployment \"web\" rollout to finish: ", StringComparison.Ordinal));
        Assert.Equal("deployment \"web\" successfully rolled out", lines[^1]);
        // Old pods may still be Terminating (graceful deletion), as on a real cluster; every active pod runs the new image.
        var pods = await cluster.Client.ListAsync(KubernetesResources.Pods, "default", null, s_none);
        Assert.All(pods.Items.Where(p => p.Metadata.DeletionTimestamp is null), p => Assert.Equal("nginx:1.28", p.Spec!.Containers[0].Image));
        Assert.Equal(2, pods.Items.Count(p => p.Metadata.DeletionTimestamp is null));
    }

    [KubectlFact]
    public async Task RolloutStatus_CrashingImagePastDeadline_FailsWithDeadlineMessage()
    {
        await using var cluster = await ReadyClusterAsync(progressDeadlineSeconds: 30);
        using var kubectl = new Kubectl(cluster.Server.Kubeconfig);
        await cluster.Client.SetContainerImageAsync("default", "web", "web", "nginx:1.28-crash", s_none);

        var result = await kubectl.RunAsync("rollout", "status", "deployment/web", "--timeout=30s");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("error: deployment \"web\" exceeded its progress deadline", result.Stderr.Trim());
    }

    [KubectlFact]
    public async Task RolloutUndo_AfterImageChange_RollsBackToPreviousRevision()
    {
        await using var cluster = await ReadyClusterAsync();
        using var kubectl = new Kubectl(cluster.Server.Kubeconfig);
        await cluster.Client.SetContainerImageAsync("default", "web", "web", "nginx:1.28", s_none);
        await cluster.WaitForDeploymentAsync("web", d => RolloutStatusEvaluator.Evaluate(d).IsDone && d.Metadata.Annotations?["deployment.kubernetes.io/revision"] == "2");

        var result = await kubectl.RunAsync("rollout", "undo", "deployment/web");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("deployment.apps/web rolled back", result.Stdout.Trim());
        var deployment = await cluster.WaitForDeploymentAsync("web", d => RolloutStatusEvaluator.Evaluate(d).IsDone && d.Metadata.Annotations?["deployment.kubernetes.io/revision"] == "3");
        Assert.Equal("nginx:1.27", deployment.Spec!.Template!.Spec!.Containers[0].Image);
        var history = await kubectl.RunAsync("rollout", "history", "deployment/web");
        Assert.Matches(@"REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>", history.Stdout);
    }

    [KubectlFact]
    public async Task GetPodsWatch_ScaleUpWhileWatching_PrintsTheNewPodsProgress()
    {
        await using var cluster = await ReadyClusterAsync(speed: 10);
        using var kubectl = new Kubectl(cluster.Server.Kubeconfig);

        var watching = kubectl.RunAsync(TimeSpan.FromSeconds(4), "get", "pods", "-w");
        await Task.Delay(1500);
        await cluster.Client.ScaleDeploymentAsync("default", "web", 3, s_none);
        var result = await watching;

        Assert.True(result.TimedOut, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$", lines[0]);
        Assert.All(lines.Skip(1).Take(2), l => Assert.Matches(@"^web-\S+\s+1/1\s+Running\s+0\s+\d+s$", l));
        var pods = await cluster.Client.ListAsync(KubernetesResources.Pods, "default", null, s_none);
        var newest = pods.Items.OrderBy(p => p.Metadata.CreationTimestamp).ThenBy(p => p.Metadata.ResourceVersion!.PadLeft(12, '0')).Last().Metadata.Name!;
        var newLines = lines.Where(l => l.StartsWith(newest + " ", StringComparison.Ordinal)).ToList();
        Assert.Contains(newLines, l => l.Contains("Pending", StringComparison.Ordinal));
        Assert.Contains(newLines, l => l.Contains("1/1", StringComparison.Ordinal) && l.Contains("Running", StringComparison.Ordinal));
    }

    [KubectlFact]
    public async Task Scale_ThroughScaleSubresource_PrintsScaledAndAddsAPod()
    {
        await using var cluster = await ReadyClusterAsync();
        using var kubectl = new Kubectl(cluster.Server.Kubeconfig);

        var result = await kubectl.RunAsync("scale", "deployment/web", "--replicas=3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("deployment.apps/web scaled", result.Stdout.Trim());
        var deployment = await cluster.WaitForDeploymentAsync("web", d => d.Status?.AvailableReplicas == 3);
        Assert.Equal(2, deployment.Metadata.Generation);
    }

    [KubectlFact]
    public async Task GetDeployment_Missing_PrintsNotFoundFromServer()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        using var kubectl = new Kubectl(cluster.Server.Kubeconfig);

        var result = await kubectl.RunAsync("get", "deployment", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error from server (NotFound): deployments.apps \"nope\" not found", result.Stderr.Trim());
    }

    private static async Task<SandboxTestCluster> ReadyClusterAsync(double speed = 50, int? progressDeadlineSeconds = null)
    {
        var cluster = await SandboxTestCluster.StartAsync(speed);
        await cluster.CreateDeploymentAsync("web", "nginx:1.27", replicas: 2, configure: d => d.Spec!.ProgressDeadlineSeconds = progressDeadlineSeconds);
        await cluster.WaitForDeploymentAsync("web", d => RolloutStatusEvaluator.Evaluate(d).IsDone);
        return cluster;
    }
}
