using System.Security.Authentication;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Sandbox.Kubernetes;

namespace Portal.Sandbox.Tests.Kubernetes;

public class ClusterClientCrudTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task GetVersionAsync_HttpsWithExportedCa_ReportsKubernetes132()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();

        var version = await cluster.Client.GetVersionAsync(s_none);

        Assert.Equal(("1", "32"), (version.Major, version.Minor));
        Assert.Equal("https", cluster.Client.Server.Scheme);
    }

    [Fact]
    public async Task GetVersionAsync_KubeconfigWithAnotherCa_FailsTlsValidation()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await using var other = await SandboxKubernetesServer.StartAsync(new SandboxKubernetesOptions { HttpPort = -1 });
        var wrongCa = cluster.Server.Kubeconfig.Replace(
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(cluster.Server.CertificateAuthorityPem)),
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(other.CertificateAuthorityPem)),
            StringComparison.Ordinal);
        using var client = SandboxTestCluster.CreateClient(wrongCa);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetVersionAsync(s_none));

        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    [Fact]
    public async Task ListAsync_WrongToken_ThrowsUnauthorized()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        using var client = SandboxTestCluster.CreateClient(cluster.Server.Kubeconfig.Replace(cluster.Server.Token, "wrong-token", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<KubernetesUnauthorizedException>(() => client.ListAsync(KubernetesResources.Pods, "default", null, s_none));

        Assert.Equal(401, error.Status.Code);
    }

    [Fact]
    public async Task GetAsync_Missing_ThrowsNotFoundWithKubernetesStatus()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();

        var error = await Assert.ThrowsAsync<KubernetesNotFoundException>(() => cluster.Client.GetAsync(KubernetesResources.Deployments, "default", "nope", s_none));

        Assert.Equal("NotFound", error.Reason);
        Assert.Equal("deployments.apps \"nope\" not found", error.Message);
    }

    [Fact]
    public async Task CreateAsync_SameNameTwice_ThrowsConflictAlreadyExists()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("web", "nginx:1.27");

        var error = await Assert.ThrowsAsync<KubernetesConflictException>(() => cluster.CreateDeploymentAsync("web", "nginx:1.27"));

        Assert.Equal("AlreadyExists", error.Reason);
    }

    [Fact]
    public async Task ReplaceAsync_StaleResourceVersion_ThrowsConflictAndRetryOnConflictSucceeds()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        var created = await cluster.CreateDeploymentAsync("web", "nginx:1.27");
        await cluster.Client.ScaleDeploymentAsync("default", "web", 3, s_none);

        created.Spec!.Replicas = 5;
        var error = await Assert.ThrowsAsync<KubernetesConflictException>(() => cluster.Client.ReplaceAsync(KubernetesResources.Deployments, "default", created, s_none));
        Assert.Equal("Conflict", error.Reason);
        Assert.Contains("the object has been modified; please apply your changes to the latest version and try again", error.Message, StringComparison.Ordinal);

        // The controller keeps writing status, so even a fresh read can be stale by the time it is written: retry on conflict.
        var replaced = await cluster.Client.UpdateWithRetryAsync(KubernetesResources.Deployments, "default", "web", d => d.Spec!.Replicas = 5, s_none);
        Assert.Equal(5, replaced.Spec!.Replicas);
        Assert.True(replaced.Metadata.Generation > created.Metadata.Generation);
    }

    [Fact]
    public async Task ListAsync_LabelAndFieldSelectorsWithPaging_ReturnsExactlyTheMatches()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        for (var i = 0; i < 7; i++)
        {
            await cluster.Client.CreateAsync(KubernetesResources.Services, "default", new Service
            {
                Metadata = new ObjectMeta { Name = $"svc-{i}", Labels = new() { ["tier"] = i % 2 == 0 ? "web" : "db" } },
                Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] },
            }, s_none);
        }

        var firstPage = await cluster.Client.ListAsync(KubernetesResources.Services, "default", new ListOptions { Limit = 3 }, s_none);
        var all = await cluster.Client.ListAllAsync(KubernetesResources.Services, "default", null, s_none, pageSize: 2);
        var web = await cluster.Client.ListAllAsync(KubernetesResources.Services, "default", new ListOptions { LabelSelector = "tier in (web),tier!=db" }, s_none, pageSize: 2);
        var named = await cluster.Client.ListAsync(KubernetesResources.Services, "default", new ListOptions { FieldSelector = "metadata.name=svc-3" }, s_none);

        Assert.Equal(3, firstPage.Items.Count);
        Assert.False(string.IsNullOrEmpty(firstPage.Metadata.Continue));
        Assert.Equal(4, firstPage.Metadata.RemainingItemCount);
        Assert.Equal(7, all.Items.Select(s => s.Metadata.Name).Distinct().Count());
        Assert.Equal(["svc-0", "svc-2", "svc-4", "svc-6"], web.Items.Select(s => s.Metadata.Name!));
        Assert.Equal("svc-3", Assert.Single(named.Items).Metadata.Name);
    }

    [Fact]
    public async Task SetContainerImageAsync_TwoContainers_ChangesOnlyTheNamedOne()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("web", "nginx:1.27", configure: d => d.Spec!.Template!.Spec!.Containers.Add(new Container { Name = "sidecar", Image = "busybox:1.36" }));

        var patched = await cluster.Client.SetContainerImageAsync("default", "web", "web", "nginx:1.28", s_none);

        var containers = patched.Spec!.Template!.Spec!.Containers;
        Assert.Equal([("web", "nginx:1.28"), ("sidecar", "busybox:1.36")], containers.Select(c => (c.Name, c.Image!)));
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task PatchAsync_MergeAndJsonPatch_ApplyAsTheirRfcsSay()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("web", "nginx:1.27");

        var merged = await cluster.Client.PatchAsync(KubernetesResources.Deployments, "default", "web", PatchType.Merge,
            """{"metadata":{"labels":{"team":"shop","app":null}}}""", s_none);
        var jsonPatched = await cluster.Client.PatchAsync(KubernetesResources.Deployments, "default", "web", PatchType.Json,
            """[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.29"},{"op":"add","path":"/metadata/annotations","value":{"a":"b"}}]""", s_none);

        Assert.Equal(new Dictionary<string, string> { ["team"] = "shop" }, merged.Metadata.Labels);
        Assert.Equal("nginx:1.29", jsonPatched.Spec!.Template!.Spec!.Containers[0].Image);
        Assert.Equal("b", jsonPatched.Metadata.Annotations!["a"]);
    }

    [Fact]
    public async Task PatchAsync_ResourceVersionPreconditionStale_ThrowsConflict()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        var created = await cluster.CreateDeploymentAsync("web", "nginx:1.27");
        await cluster.Client.ScaleDeploymentAsync("default", "web", 3, s_none);

        await Assert.ThrowsAsync<KubernetesConflictException>(() => cluster.Client.PatchAsync(KubernetesResources.Deployments, "default", "web", PatchType.Merge,
            $$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"spec":{"replicas":1}}""", s_none));
    }

    [Fact]
    public async Task RestartDeploymentAsync_SetsRestartedAtAndRollsANewReplicaSet()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("web", "nginx:1.27");
        await cluster.WaitForDeploymentAsync("web", d => d.Status?.AvailableReplicas == 2);
        var at = new DateTimeOffset(2026, 11, 21, 10, 26, 32, TimeSpan.Zero);

        var restarted = await cluster.Client.RestartDeploymentAsync("default", "web", at, s_none);
        await cluster.WaitForDeploymentAsync("web", d => d.Metadata.Annotations?["deployment.kubernetes.io/revision"] == "2" && d.Status?.UpdatedReplicas == 2 && d.Status.Replicas == 2);

        Assert.Equal("2026-11-21T10:26:32Z", restarted.Spec!.Template!.Metadata!.Annotations!["kubectl.kubernetes.io/restartedAt"]);
        var replicaSets = await cluster.Client.ListAsync(KubernetesResources.ReplicaSets, "default", new ListOptions { LabelSelector = "app=web" }, s_none);
        Assert.Equal(2, replicaSets.Items.Count);
        Assert.All(replicaSets.Items, rs => Assert.Equal(restarted.Metadata.Uid, Assert.Single(rs.Metadata.OwnerReferences!).Uid));
        Assert.All(replicaSets.Items, rs => Assert.Equal(rs.Metadata.Name, $"web-{rs.Metadata.Labels!["pod-template-hash"]}"));
    }

    [Fact]
    public async Task DeleteAsync_LoadBalancerService_IsHeldByFinalizerThenRemoved()
    {
        await using var cluster = await SandboxTestCluster.StartAsync(speed: 20);
        await cluster.Client.CreateAsync(KubernetesResources.Services, "default", new Service
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new ServiceSpec { Type = "LoadBalancer", Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Port = 80 }] },
        }, s_none);
        Service? ready = null;
        await Eventually.UntilAsync(async () =>
        {
            ready = await cluster.Client.GetAsync(KubernetesResources.Services, "default", "web", s_none);
            return ready.Status?.LoadBalancer?.Ingress is { Count: > 0 };
        }, TimeSpan.FromSeconds(10));
        Assert.Matches(@"^k8s-default-web-[0-9a-f]{10}\.elb\.us-east-1\.amazonaws\.com$", ready!.Status!.LoadBalancer!.Ingress![0].Hostname);

        var deleting = await cluster.Client.DeleteAsync(KubernetesResources.Services, "default", "web", null, s_none);

        Assert.NotNull(deleting);
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);
        Assert.Contains("service.kubernetes.io/load-balancer-cleanup", deleting.Metadata.Finalizers!);
        await Eventually.UntilAsync(async () =>
        {
            var remaining = await cluster.Client.ListAsync(KubernetesResources.Services, "default", null, s_none);
            return remaining.Items.Count == 0;
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task DeleteAsync_Deployment_CascadesToReplicaSetsAndPods()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("web", "nginx:1.27");
        await cluster.WaitForDeploymentAsync("web", d => d.Status?.AvailableReplicas == 2);

        var result = await cluster.Client.DeleteAsync(KubernetesResources.Deployments, "default", "web", null, s_none);

        Assert.Null(result);
        await Eventually.UntilAsync(async () =>
            (await cluster.Client.ListAsync(KubernetesResources.Pods, "default", null, s_none)).Items.Count == 0
            && (await cluster.Client.ListAsync(KubernetesResources.ReplicaSets, "default", null, s_none)).Items.Count == 0, TimeSpan.FromSeconds(10));
    }
}
