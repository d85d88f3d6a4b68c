using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.E2E.Tests.Infrastructure;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Tests;

/// <summary>An operator clears an optional setting (it goes to "(unset)" and the template's default applies), and finds
/// an object someone deleted from the cluster by hand through the drift check.</summary>
public sealed class SettingsAndDriftUiTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Dictionary<string, string> s_fast = new() { ["Sandbox__Speed"] = "10" };

    [Fact]
    public async Task Settings_OptionalSelectCleared_PreviewShowsUnset_AppliedAndShownUnset()
    {
        await using var portal = await PortalProcess.StartAsync(settings: s_fast);
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SignInAsync("operator");
        await page.SetViewportSizeAsync(1400, 1700);

        // Created on 1.30, so that unsetting it (the template's default is 1.31) changes the cluster.
        await page.GotoInteractiveAsync("/environments/new?template=eks-environment");
        await page.GetByTestId("environment-name").FillAsync("unset-1");
        await page.ChooseAsync("environment-class", "Development");
        await page.ChooseAsync("param-kubernetesVersion", "1.30");
        await Expect(page.GetByTestId("clear-hint-kubernetesVersion")).ToContainTextAsync("the default (1.31) is used");
        await page.SubmitCreateFormAsync("unset-1");
        await Expect(page.GetByTestId("environment-status")).ToHaveTextAsync("Ready", new() { Timeout = 180_000 });
        var version = page.GetByTestId("parameter").And(page.Locator("[data-name=kubernetesVersion]"));
        await Expect(version).ToContainTextAsync("1.30");

        await page.GetByTestId("change-settings").ClickToNavigateAsync(new Regex("/environments/unset-1/settings$"));
        var field = page.GetByTestId("param-kubernetesVersion");
        // The dropdown holds its option list too: what it shows is its label.
        await Expect(field.Locator(".rz-dropdown-label")).ToHaveTextAsync("1.30", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("clear-hint-kubernetesVersion")).ToContainTextAsync("not set, so the template's default (1.31) applies");
        await field.Locator(".rz-dropdown-clear-icon").ClickAsync();
        await Expect(field).ToHaveClassAsync(new Regex(@"\brz-state-empty\b"));
        await Expect(field.Locator(".rz-dropdown-label")).ToHaveTextAsync("(unset)");
        await page.ScreenshotStepAsync("settings-drift-01-cleared");

        await page.GetByTestId("preview-changes").ClickAsync();
        await Expect(page.GetByTestId("apply-changes")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var change = page.GetByTestId("parameter-change").And(page.Locator("[data-name=kubernetesVersion]"));
        await Expect(change.Locator("td.before")).ToHaveTextAsync("1.30");
        await Expect(change.Locator("td.after").GetByTestId("param-unset")).ToHaveTextAsync("(unset)");
        await Expect(change.Locator("td.after").GetByTestId("param-unset")).ToHaveAttributeAsync("title", new Regex(@"default applies \(1\.31\)"));
        await page.GetByTestId("preview-section").ScreenshotStepAsync("settings-drift-02-preview-unset");

        await page.GetByTestId("apply-changes").ClickToNavigateAsync(new Regex("/environments/unset-1$"));
        await Expect(page.GetByTestId("current-operation")).ToContainTextAsync("Update unset-1", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("current-operation")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 180_000 });
        await Expect(version).ToHaveAttributeAsync("data-unset", "true", new() { Timeout = 30_000 });
        await Expect(version.GetByTestId("param-unset")).ToHaveTextAsync("(unset)");
        await page.ScreenshotStepAsync("settings-drift-03-applied-unset");
    }

    [Fact]
    public async Task DriftCheck_ObjectDeletedFromTheClusterByHand_IsListedAsDeleted()
    {
        await using var portal = await PortalProcess.StartAsync(settings: s_fast);
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SignInAsync("operator");
        await page.SetViewportSizeAsync(1400, 1700);
        await page.CreateEnvironmentAsync("eks-environment", "drifty");
        await Expect(page.GetByTestId("environment-status")).ToHaveTextAsync("Ready", new() { Timeout = 180_000 });

        // As someone with the cluster's kubeconfig would: delete the load balancer controller's ServiceAccount, which the
        // stack manages directly (loadBalancerControllerAccount), with kubectl's equivalent.
        using (var clients = new ClusterClientFactory(Options.Create(new KubernetesOptions()), new AwsSdkCredentialSource(), TimeProvider.System, NullLoggerFactory.Instance))
        {
            var cluster = await EnvironmentClusterAsync(clients, portal);
            Assert.True(UntypedKubernetesResources.TryFind("v1", "ServiceAccount", out var serviceAccounts));
            await cluster.GetAsync(serviceAccounts, "kube-system", "aws-load-balancer-controller", CancellationToken.None);
            Assert.Null(await cluster.DeleteAsync(serviceAccounts, "kube-system", "aws-load-balancer-controller", null, CancellationToken.None));
        }

        await page.GetByTestId("check-drift").ClickAsync();
        await Expect(page.GetByTestId("current-operation")).ToContainTextAsync("Drift check drifty", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("current-operation")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 120_000 });
        var deleted = page.GetByTestId("deleted-resource");
        await Expect(deleted).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(deleted).ToHaveAttributeAsync("data-urn", new Regex("::kubernetes:core/v1:ServiceAccount::loadBalancerControllerAccount$"));
        await Expect(deleted).ToContainTextAsync("loadBalancerControllerAccount");
        await Expect(page.GetByTestId("drift-found")).ToContainTextAsync("1 resource(s) deleted outside Pulumi.");
        await page.GetByTestId("current-operation").ScreenshotStepAsync("settings-drift-04-deleted-found");
    }

    // The environment's EKS cluster is a virtual cluster of the sandbox API server, served under /clusters/<name> with
    // the same CA and token as the server's own kubeconfig, which the portal writes under its data directory.
    private static async Task<IClusterClient> EnvironmentClusterAsync(ClusterClientFactory clients, PortalProcess portal)
    {
        var path = SandboxOptions.KubeconfigPathUnder(Path.Combine(portal.DataDirectory, "data"));
        var kubeconfig = await File.ReadAllTextAsync(path);
        var server = clients.GetOrCreate("sandbox", kubeconfig);
        var virtualClusters = UntypedKubernetesResources.Create("sandbox.portal.io", "v1", "virtualclusters", "VirtualCluster", namespaced: false);
        var name = Assert.Single((await server.ListAsync(virtualClusters, null, null, CancellationToken.None)).Items).Metadata.Name;

        var config = JsonNode.Parse(kubeconfig)!.AsObject();
        var cluster = config["clusters"]![0]!["cluster"]!;
        cluster["server"] = cluster["server"]!.GetValue<string>().TrimEnd('/') + "/clusters/" + name;
        return clients.GetOrCreate(name!, config.ToJsonString());
    }
}
