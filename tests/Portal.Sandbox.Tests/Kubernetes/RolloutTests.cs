using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Rollout;

namespace Portal.Sandbox.Tests.Kubernetes;

/// <summary>The deployment controller of the sandbox, judged by the portal's kubectl-equivalent rollout verdict.</summary>
public class RolloutTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task WatchAsync_RollingUpdateSucceeds_ReportsProgressThenSuccess()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("web", "nginx:1.27", replicas: 3);
        await cluster.WaitForDeploymentAsync("web", d => RolloutStatusEvaluator.Evaluate(d).IsDone);

        await cluster.Client.SetContainerImageAsync("default", "web", "web", "nginx:1.28", s_none);
        var verdicts = new List<RolloutVerdict>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var verdict in RolloutStatusEvaluator.WatchAsync(cluster.Client, "default", "web", cts.Token))
        {
            verdicts.Add(verdict);
        }

        Assert.Equal(RolloutState.Complete, verdicts[^1].State);
        Assert.Equal("deployment \"web\" successfully rolled out", verdicts[^1].Message);
        Assert.Contains(verdicts, v => v.State == RolloutState.InProgress && v.Message.StartsWith("Waiting for deployment \"web\" rollout to finish: ", StringComparison.Ordinal));
        var final = await cluster.Client.GetAsync(KubernetesResources.Deployments, "default", "web", s_none);
        Assert.Equal("2", final.Metadata.Annotations!["deployment.kubernetes.io/revision"]);
        Assert.Equal("NewReplicaSetAvailable", final.Status!.Conditions!.Single(c => c.Type == "Progressing").Reason);
    }

    [Fact]
    public async Task Evaluate_RightAfterImageChange_IsInProgress()
    {
        await using var cluster = await SandboxTestCluster.StartAsync(speed: 5);
        await cluster.CreateDeploymentAsync("web", "nginx:1.27", replicas: 2);
        await cluster.WaitForDeploymentAsync("web", d => RolloutStatusEvaluator.Evaluate(d).IsDone, TimeSpan.FromSeconds(20));

        await cluster.Client.SetContainerImageAsync("default", "web", "web", "nginx:1.28", s_none);
        var observed = await cluster.WaitForDeploymentAsync("web", d => d.Status?.ObservedGeneration == d.Metadata.Generation);

        var verdict = RolloutStatusEvaluator.Evaluate(observed);
        Assert.Equal(RolloutState.InProgress, verdict.State);
        Assert.StartsWith("Waiting for deployment \"web\" rollout to finish:", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchAsync_CrashingImagePastDeadline_FailsWithProgressDeadlineExceeded()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("web", "nginx:1.27", replicas: 2, configure: d => d.Spec!.ProgressDeadlineSeconds = 30);
        await cluster.WaitForDeploymentAsync("web", d => RolloutStatusEvaluator.Evaluate(d).IsDone);

        await cluster.Client.SetContainerImageAsync("default", "web", "web", "nginx:1.28-crash", s_none);
        RolloutVerdict? last = null;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var verdict in RolloutStatusEvaluator.WatchAsync(cluster.Client, "default", "web", cts.Token))
        {
            last = verdict;
        }

        Assert.Equal(new RolloutVerdict(RolloutState.Failed, "deployment \"web\" exceeded its progress deadline"), last);
        var deployment = await cluster.Client.GetAsync(KubernetesResources.Deployments, "default", "web", s_none);
        var progressing = deployment.Status!.Conditions!.Single(c => c.Type == "Progressing");
        Assert.Equal(("False", "ProgressDeadlineExceeded"), (progressing.Status, progressing.Reason));
        Assert.Matches("^ReplicaSet \"web-[a-z0-9]+\" has timed out progressing.$", progressing.Message);
        var pods = await cluster.Client.ListAsync(KubernetesResources.Pods, "default", new ListOptions { LabelSelector = "app=web" }, s_none);
        Assert.Contains(pods.Items, p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Reason == "CrashLoopBackOff" && p.Status.ContainerStatuses[0].RestartCount > 0);
        Assert.Equal(2, pods.Items.Count(p => p.Spec!.Containers[0].Image == "nginx:1.27" && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true));
    }

    [Fact]
    public async Task CreateDeployment_UnknownRegistry_PodsEndInImagePullBackOffWithEvents()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("web", "registry.nowhere.example/web:1.0", replicas: 1);

        Pod? pod = null;
        await Eventually.UntilAsync(async () =>
        {
            pod = (await cluster.Client.ListAsync(KubernetesResources.Pods, "default", null, s_none)).Items.FirstOrDefault();
            return pod?.Status?.ContainerStatuses?[0].State?.Waiting?.Reason == "ImagePullBackOff";
        }, TimeSpan.FromSeconds(10));

        var events = await cluster.Client.ListAsync(KubernetesResources.Events, "default", new ListOptions { FieldSelector = $"involvedObject.name={pod!.Metadata.Name}" }, s_none);
        Assert.Equal(["Scheduled", "Pulling", "Failed", "Failed", "BackOff"], events.Items.OrderBy(e => e.Metadata.ResourceVersion!.PadLeft(12, '0')).Select(e => e.Reason!));
        Assert.Equal("Pending", pod.Status!.Phase);
    }

    [Fact]
    public async Task RollingUpdate_MaxSurgeOneMaxUnavailableZero_NeverExceedsSurgeOrDropsAvailability()
    {
        await using var cluster = await SandboxTestCluster.StartAsync(speed: 20);
        await cluster.CreateDeploymentAsync("web", "nginx:1.27", replicas: 4, configure: d => d.Spec!.Strategy = new DeploymentStrategy
        {
            Type = "RollingUpdate",
            RollingUpdate = new RollingUpdateDeployment { MaxSurge = IntOrString.FromInt(1), MaxUnavailable = IntOrString.FromInt(0) },
        });
        await cluster.WaitForDeploymentAsync("web", d => RolloutStatusEvaluator.Evaluate(d).IsDone);

        await cluster.Client.SetContainerImageAsync("default", "web", "web", "nginx:1.28", s_none);
        var maxPods = 0;
        var minReady = int.MaxValue;
        var sawOld = true;
        while (sawOld)
        {
            // Terminating pods no longer count (the controllers ignore them, as the real ones do).
            var pods = (await cluster.Client.ListAsync(KubernetesResources.Pods, "default", null, s_none)).Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
            maxPods = Math.Max(maxPods, pods.Count);
            minReady = Math.Min(minReady, pods.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true));
            sawOld = pods.Any(p => p.Spec!.Containers[0].Image == "nginx:1.27");
            await Task.Delay(5);
        }

        Assert.Equal(5, maxPods);
        Assert.Equal(4, minReady);
        var events = await cluster.Client.ListAsync(KubernetesResources.Events, "default", new ListOptions { FieldSelector = "involvedObject.kind=Deployment,reason=ScalingReplicaSet" }, s_none);
        Assert.Contains(events.Items, e => e.Message!.StartsWith("Scaled up replica set web-", StringComparison.Ordinal) && e.Message.EndsWith(" from 0 to 1", StringComparison.Ordinal));
        Assert.Contains(events.Items, e => e.Message!.StartsWith("Scaled down replica set web-", StringComparison.Ordinal) && e.Message.EndsWith(" from 4 to 3", StringComparison.Ordinal));
    }
}
