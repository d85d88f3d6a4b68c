using System.Text.Json.Nodes;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Sandbox.Tests.Kubernetes;

/// <summary>
/// autoscaling/v2 HorizontalPodAutoscalers and core/v1 ServiceAccounts on the sandbox: discovery as kubectl needs it,
/// admission defaults and validation, the autoscaler clamping its target into [minReplicas, maxReplicas], and
/// <c>kubectl get hpa,sa</c> with the real printer columns.
/// </summary>
public class AutoscalingTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    private static KubernetesResource<KubernetesObject> Autoscalers => Resource("autoscaling/v2", "HorizontalPodAutoscaler");

    private static KubernetesResource<KubernetesObject> ServiceAccounts => Resource("v1", "ServiceAccount");

    [Fact]
    public async Task Discovery_AutoscalingGroup_ServesV2HorizontalPodAutoscalersWithStatus()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        using var http = HttpClientFor(cluster);

        var groups = JsonNode.Parse(await http.GetStringAsync(new Uri(cluster.Server.HttpUrl!, "/apis")))!;
        var resources = JsonNode.Parse(await http.GetStringAsync(new Uri(cluster.Server.HttpUrl!, "/apis/autoscaling/v2")))!;
        var core = JsonNode.Parse(await http.GetStringAsync(new Uri(cluster.Server.HttpUrl!, "/api/v1")))!;

        var autoscaling = groups["groups"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "autoscaling")!;
        Assert.Equal("autoscaling/v2", autoscaling["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        Assert.Equal("apps/v1", groups["groups"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "apps")!["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        var names = resources["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["horizontalpodautoscalers", "horizontalpodautoscalers/status"], names);
        var hpa = resources["resources"]![0]!;
        Assert.Equal(("HorizontalPodAutoscaler", true, "hpa"), (hpa["kind"]!.GetValue<string>(), hpa["namespaced"]!.GetValue<bool>(), hpa["shortNames"]![0]!.GetValue<string>()));
        var sa = core["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "serviceaccounts")!;
        Assert.Equal(("ServiceAccount", true, "sa"), (sa["kind"]!.GetValue<string>(), sa["namespaced"]!.GetValue<bool>(), sa["shortNames"]![0]!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_DeploymentBelowMinReplicas_ScalesItUpAndReportsStatus()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("web", "nginx:1.27", replicas: 1);

        await cluster.Client.CreateAsync(Autoscalers, "default", Autoscaler("web", min: 3, max: 5), s_none);

        var deployment = await cluster.WaitForDeploymentAsync("web", d => d.Spec?.Replicas == 3 && d.Status?.ReadyReplicas == 3);
        Assert.Equal(3, deployment.Spec!.Replicas);
        var status = await WaitForStatusAsync(cluster, "web", s => s["desiredReplicas"]?.GetValue<int>() == 3 && s["currentReplicas"]?.GetValue<int>() == 3);
        Assert.NotNull(status["lastScaleTime"]);
        Assert.Contains(status["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "ScalingLimited" && c["reason"]!.GetValue<string>() == "DesiredWithinRange");
        var events = await cluster.Client.ListAsync(KubernetesResources.Events, "default", null, s_none);
        Assert.Contains(events.Items, e => e.Reason == "SuccessfulRescale" && e.Message == "New size: 3; reason: Current number of replicas below Spec.MinReplicas");
    }

    [Fact]
    public async Task Scale_DeploymentAboveMaxReplicas_IsScaledBackToMax()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("web", "nginx:1.27", replicas: 2);
        await cluster.Client.CreateAsync(Autoscalers, "default", Autoscaler("web", min: 2, max: 4), s_none);
        await WaitForStatusAsync(cluster, "web", s => s["currentReplicas"]?.GetValue<int>() == 2);

        await cluster.Client.ScaleDeploymentAsync("default", "web", 7, s_none);

        await cluster.WaitForDeploymentAsync("web", d => d.Spec?.Replicas == 4);
        var status = await WaitForStatusAsync(cluster, "web", s => s["currentReplicas"]?.GetValue<int>() == 4);
        Assert.Equal(4, status["desiredReplicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_WithinRangeWithoutMetrics_LeavesReplicasAndDefaultsCpuTarget()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("web", "nginx:1.27", replicas: 2);
        var autoscaler = Autoscaler("web", min: null, max: 6);
        autoscaler.Content["spec"]!.AsObject().Remove("metrics");

        var created = await cluster.Client.CreateAsync(Autoscalers, "default", autoscaler, s_none);

        Assert.Equal(1, created.Content["spec"]!["minReplicas"]!.GetValue<int>());
        Assert.Equal(80, created.Content["spec"]!["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!.GetValue<int>());
        var status = await WaitForStatusAsync(cluster, "web", s => s["desiredReplicas"]?.GetValue<int>() == 2);
        Assert.Null(status["lastScaleTime"]);
        Assert.Equal(2, (await cluster.Client.GetAsync(KubernetesResources.Deployments, "default", "web", s_none)).Spec!.Replicas);
    }

    [Fact]
    public async Task Create_MaxBelowMin_IsRejectedAsInvalid()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => cluster.Client.CreateAsync(Autoscalers, "default", Autoscaler("web", min: 3, max: 2), s_none));

        Assert.Equal("Invalid", error.Reason);
        Assert.Equal("HorizontalPodAutoscaler.autoscaling \"web\" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`", error.Message);
    }

    [Fact]
    public async Task Create_MissingTarget_ReportsFailedGetScale()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();

        await cluster.Client.CreateAsync(Autoscalers, "default", Autoscaler("ghost", min: 1, max: 2), s_none);

        var status = await WaitForStatusAsync(cluster, "ghost", s => s["conditions"] is JsonArray { Count: > 0 });
        var condition = status["conditions"]![0]!;
        Assert.Equal(("AbleToScale", "False", "FailedGetScale"), (condition["type"]!.GetValue<string>(), condition["status"]!.GetValue<string>(), condition["reason"]!.GetValue<string>()));
        Assert.EndsWith("deployments/scale.apps \"ghost\" not found", condition["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Namespace_Created_GetsDefaultServiceAccount()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await cluster.Client.CreateAsync(KubernetesResources.Namespaces, null, new Namespace { Metadata = new ObjectMeta { Name = "apps" } }, s_none);

        await Eventually.UntilAsync(
            async () => (await cluster.Client.ListAsync(ServiceAccounts, "apps", null, s_none)).Items.Any(s => s.Metadata.Name == "default"),
            TimeSpan.FromSeconds(10));
        var account = await cluster.Client.CreateAsync(ServiceAccounts, "apps", Object(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = new JsonObject
            {
                ["name"] = "controller",
                ["annotations"] = new JsonObject { ["eks.amazonaws.com/role-arn"] = "arn:aws:iam::123456789012:role/controller" },
            },
        }), s_none);

        Assert.Equal("arn:aws:iam::123456789012:role/controller", account.Metadata.Annotations!["eks.amazonaws.com/role-arn"]);
        await cluster.Client.DeleteAsync(KubernetesResources.Namespaces, null, "apps", null, s_none);
        await Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    await cluster.Client.GetAsync(KubernetesResources.Namespaces, null, "apps", s_none);
                    return false;
                }
                catch (KubernetesNotFoundException)
                {
                    return true;
                }
            },
            TimeSpan.FromSeconds(10));
    }

    [KubectlFact]
    public async Task KubectlGetHpaSa_AllNamespaces_PrintsPrinterColumns()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("web", "nginx:1.27", replicas: 2);
        await cluster.Client.CreateAsync(Autoscalers, "default", Autoscaler("web", min: 2, max: 6), s_none);
        await cluster.Client.CreateAsync(ServiceAccounts, "kube-system", Object(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = new JsonObject { ["name"] = "aws-load-balancer-controller" },
        }), s_none);
        await WaitForStatusAsync(cluster, "web", s => s["currentReplicas"]?.GetValue<int>() == 2);
        using var kubectl = new Kubectl(cluster.Server.Kubeconfig);

        var result = await kubectl.RunAsync("get", "hpa,sa", "-A");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAMESPACE\s+NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE$", lines[0]);
        Assert.Matches(@"^default\s+horizontalpodautoscaler\.autoscaling/web\s+Deployment/web\s+cpu: <unknown>/70%\s+2\s+6\s+2\s+\d+s$", lines[1]);
        var accounts = lines.SkipWhile(l => !l.StartsWith("NAMESPACE", StringComparison.Ordinal) || l == lines[0]).ToList();
        Assert.Matches(@"^NAMESPACE\s+NAME\s+SECRETS\s+AGE$", accounts[0]);
        Assert.Contains(accounts, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^kube-system\s+serviceaccount/aws-load-balancer-controller\s+0\s+\d+s$"));
        Assert.Contains(accounts, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^default\s+serviceaccount/default\s+0\s+\d+s$"));
    }

    private static KubernetesObject Autoscaler(string target, int? min, int max)
    {
        var spec = new JsonObject
        {
            ["scaleTargetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = target },
            ["maxReplicas"] = max,
            ["metrics"] = new JsonArray(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject { ["name"] = "cpu", ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = 70 } },
            }),
        };
        if (min is not null)
        {
            spec["minReplicas"] = min;
        }

        return Object(new JsonObject
        {
            ["apiVersion"] = "autoscaling/v2",
            ["kind"] = "HorizontalPodAutoscaler",
            ["metadata"] = new JsonObject { ["name"] = target },
            ["spec"] = spec,
        });
    }

    private static async Task<JsonNode> WaitForStatusAsync(SandboxTestCluster cluster, string name, Func<JsonNode, bool> condition)
    {
        JsonNode? status = null;
        await Eventually.UntilAsync(
            async () =>
            {
                status = (await cluster.Client.GetAsync(Autoscalers, "default", name, s_none)).Content["status"];
                return status is not null && condition(status);
            },
            TimeSpan.FromSeconds(10),
            () => $"hpa {name} status: {status?.ToJsonString()}");
        return status!;
    }

    // Over plain HTTP, authenticated with the cluster's token (the HTTPS endpoint's CA is self-signed).
    private static HttpClient HttpClientFor(SandboxTestCluster cluster) => new() { DefaultRequestHeaders = { { "Authorization", "Bearer " + cluster.Server.Token } } };

    private static KubernetesObject Object(JsonObject content) => new(content);

    private static KubernetesResource<KubernetesObject> Resource(string apiVersion, string kind) =>
        UntypedKubernetesResources.TryFind(apiVersion, kind, out var resource) ? resource : throw new InvalidOperationException($"{apiVersion} {kind} is not mapped");
}
