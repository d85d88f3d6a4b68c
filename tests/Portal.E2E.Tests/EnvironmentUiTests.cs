using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Tests;

/// <summary>The environment pages as an ops engineer uses them: create through the generated form, watch the provision,
/// reveal an output, change a setting through a preview, check drift, destroy with the load balancer preflight.</summary>
public sealed class EnvironmentUiTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Dictionary<string, string> s_fast = new() { ["Sandbox__Speed"] = "10" };

    [Fact]
    public async Task CreateForm_BadInput_ShowsMessagesAtTheFields()
    {
        await using var portal = await PortalProcess.StartAsync(settings: s_fast);
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SignInAsync("operator");

        await page.GotoInteractiveAsync("/");
        await page.GetByTestId("new-environment").ClickAsync();
        await page.GetByTestId("template-app-service").ClickAsync();
        await page.GetByTestId("environment-name").FillAsync("Bad_Name");
        await Expect(page.GetByTestId("error-name")).ToContainTextAsync("DNS-1123");

        await page.GetByTestId("create-submit").ClickAsync();
        await Expect(page.GetByTestId("error-parameters.image")).ToContainTextAsync("is required");
        await Expect(page.GetByTestId("error-parameters.databasePassword")).ToContainTextAsync("is required");
        await Expect(page.GetByTestId("error-parameters.cluster")).ToContainTextAsync("is required");
        await Expect(page.GetByTestId("error-class")).ToContainTextAsync("Class is required");
        await Expect(page.GetByTestId("environment-name")).ToHaveValueAsync("Bad_Name");
        await page.ScreenshotStepAsync("env-ui-01-create-errors");
    }

    [Fact]
    public async Task EksEnvironment_CreateWatchChangeDriftDestroy_ThroughThePages()
    {
        await using var portal = await PortalProcess.StartAsync(settings: s_fast);
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SignInAsync("admin");

        await page.SetViewportSizeAsync(1400, 1700);
        await page.GotoInteractiveAsync("/environments/new?template=eks-environment");
        await page.GetByTestId("environment-name").FillAsync("dev-1");
        await page.ChooseAsync("environment-class", "Development");
        await page.ScreenshotStepAsync("env-ui-02-create-form");
        await page.SubmitCreateFormAsync("dev-1");
        await Expect(page.GetByTestId("progress-resources")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotStepAsync("env-ui-03-provisioning");
        await Expect(page.GetByTestId("environment-status")).ToHaveTextAsync("Ready", new() { Timeout = 90_000 });
        await Expect(page.GetByTestId("count-create")).ToContainTextAsync("created");
        await Expect(page.GetByTestId("output-loadBalancerHostname")).ToContainTextAsync("elb.us-east-1.amazonaws.com");

        // The live cluster view: the web pods Running and ready, the Service with its load balancer hostname.
        await Expect(page.GetByTestId("cluster-view")).ToHaveAttributeAsync("data-synced", "true", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("cluster-pods").GetByTestId("pod-phase").First).ToHaveTextAsync("Running");
        await Expect(page.GetByTestId("cluster-pods").GetByTestId("pod-ready").First).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.GetByTestId("cluster-services").GetByTestId("service-hostname").First).ToContainTextAsync("elb.us-east-1.amazonaws.com");
        await page.ScreenshotStepAsync("env-ui-04-ready");

        await page.GetByTestId("reveal-kubeconfig").ClickAsync();
        await Expect(page.GetByTestId("revealed-value")).ToContainTextAsync("apiVersion");
        await page.WaitForTimeoutAsync(500); // the dialog's fade-in, for the screenshot
        await page.ScreenshotStepAsync("env-ui-05-revealed");
        await page.GetByTestId("close-secret").ClickAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByText("Environments", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("lb-dns")).ToContainTextAsync("elb.us-east-1.amazonaws.com");
        await Expect(page.GetByTestId("pods-ready")).ToHaveAttributeAsync("data-all-ready", "true", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("pods-ready")).ToHaveTextAsync("2/2");
        await page.ScreenshotStepAsync("env-ui-06-dashboard");
        await page.GetByTestId("environment-link").ClickAsync();

        await page.GetByTestId("change-settings").ClickAsync();
        await page.GetByTestId("param-appReplicas").FillAsync("3");
        await page.GetByTestId("param-appReplicas").PressAsync("Tab");
        await page.GetByTestId("preview-changes").ClickAsync();
        await Expect(page.GetByTestId("apply-changes")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("parameter-diff")).ToContainTextAsync("Application replicas");
        await page.ScreenshotStepAsync("env-ui-07-preview");
        await page.GetByTestId("apply-changes").ClickAsync();
        await page.WaitForURLAsync(new Regex("/environments/dev-1$"));

        // The page may still show the finished preview for a moment: wait for the update itself to succeed.
        await Expect(page.GetByTestId("current-operation")).ToContainTextAsync("Update dev-1", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("current-operation")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("parameter").Filter(new() { HasText = "Application replicas" })).ToContainTextAsync("3", new() { Timeout = 15_000 });
        await page.ScreenshotStepAsync("env-ui-08-updated");

        await page.GetByTestId("check-drift").ClickAsync();
        await Expect(page.GetByTestId("drift-result")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.ScreenshotStepAsync("env-ui-09-drift");

        await page.GetByTestId("destroy").ClickAsync();
        await Expect(page.GetByTestId("destroy-confirm")).ToBeDisabledAsync();
        await page.GetByTestId("destroy-confirm-name").FillAsync("dev-1");
        await page.GetByTestId("destroy-confirm").ClickAsync();
        await Expect(page.GetByTestId("lb-preflight")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.ScreenshotStepAsync("env-ui-10-destroying");
        await Expect(page.GetByTestId("environment-archived")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Expect(page.GetByTestId("lb-preflight")).ToContainTextAsync("drained");
        await Expect(page.GetByTestId("reveal-kubeconfig")).ToHaveCountAsync(0);
        await page.ScreenshotStepAsync("env-ui-11-destroyed");
    }

    [Fact]
    public async Task EksEnvironment_ProvisionFails_ShowsTheErrorWithRetryAndDestroy()
    {
        // A crashing image keeps the Deployment from becoming ready: Pulumi's await times out (30 s at this speed).
        await using var portal = await PortalProcess.StartAsync(settings: new Dictionary<string, string> { ["Sandbox__Speed"] = "100" });
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SignInAsync("operator");
        await page.SetViewportSizeAsync(1400, 1500);

        await page.CreateEnvironmentAsync("eks-environment", "broken", "Ephemeral", form => form.GetByTestId("param-appImage").FillAsync("nginx:crash"));
        await Expect(page.GetByTestId("job-problem")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Expect(page.GetByTestId("environment-status")).ToHaveTextAsync("Failed");
        await Expect(page.GetByTestId("count-failed")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("destroy-hint")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("retry-job")).ToBeEnabledAsync();
        await Expect(page.GetByTestId("destroy")).ToBeEnabledAsync();
        await page.ScreenshotStepAsync("env-ui-12-provision-failed");
    }

    [Fact]
    public async Task Provision_PortalKilledMidway_RecoveredThroughUnlockClearPendingAndRetry()
    {
        var data = Directory.CreateTempSubdirectory("portal-e2e-crash-").FullName;
        var slow = new Dictionary<string, string> { ["Sandbox__Speed"] = "1" };
        await using (var first = await PortalProcess.StartAsync(data, slow))
        {
            var page = await browser.NewPageAsync(first.BaseAddress);
            await page.SignInAsync("operator");
            await page.GotoInteractiveAsync("/environments/new?template=eks-environment");
            await page.GetByTestId("environment-name").FillAsync("crashy");
            await page.ChooseAsync("environment-class", "Development");
            await page.GetByTestId("create-submit").ClickAsync();
            await Expect(page.GetByTestId("count-running")).ToBeVisibleAsync(new() { Timeout = 60_000 });

            // SIGKILL of the whole tree, the pulumi CLI included: its lock and pending operations stay behind.
            await first.KillAsync();
        }

        await using var second = await PortalProcess.StartAsync(data, new Dictionary<string, string> { ["Sandbox__Speed"] = "10" });
        var again = await browser.NewPageAsync(second.BaseAddress);
        await again.SignInAsync("operator");
        await again.SetViewportSizeAsync(1400, 1300);
        await again.GotoInteractiveAsync("/environments/crashy");
        await Expect(again.GetByTestId("environment-status")).ToHaveTextAsync("Interrupted");
        await Expect(again.GetByTestId("job-problem")).ToContainTextAsync("interrupted");
        await again.ScreenshotStepAsync("env-ui-13-interrupted");

        await again.GetByTestId("unlock-stack").ClickAsync();
        await again.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel stack lock" }).ClickAsync();
        await Expect(again.GetByTestId("current-operation")).ToContainTextAsync("Cancel stack lock");
        await Expect(again.GetByTestId("current-operation")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 60_000 });
        await again.ScreenshotStepAsync("env-ui-14-after-unlock");

        // The interrupted provision is still the operation on offer.
        await again.GetByTestId("clear-pending").ClickAsync();
        await again.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Clear pending operations" }).ClickAsync();
        await Expect(again.GetByTestId("current-operation")).ToContainTextAsync("Clear pending operations");
        await Expect(again.GetByTestId("current-operation")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 60_000 });

        await again.GetByTestId("retry-job").ClickAsync();
        await again.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Expect(again.GetByTestId("environment-status")).ToHaveTextAsync("Ready", new() { Timeout = 120_000 });
        await Expect(again.GetByTestId("output-loadBalancerHostname")).ToContainTextAsync("elb.us-east-1.amazonaws.com");
        await Expect(again.GetByTestId("job-problem")).ToHaveCountAsync(0);
        await again.ScreenshotStepAsync("env-ui-15-recovered");

        // Each recovery action is audited, the crash lost none, and the chain verifies.
        using var api = second.CreateApiClient();
        var audit = await api.GetFromJsonAsync<JsonElement>("/api/audit?environment=crashy&take=200");
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "environment.create", "job.interrupted", "environment.unlock", "environment.clear-pending", "environment.retry", "job.succeeded" }, actions);
        var verification = await (await api.PostAsync("/api/audit/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(verification.GetProperty("isValid").GetBoolean(), verification.ToString());
    }

    [Fact]
    public async Task AppService_OnAnEnvironmentsCluster_PickedFromTheFormAndBlocksItsDestroy()
    {
        await using var portal = await PortalProcess.StartAsync(settings: s_fast);
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SignInAsync("operator");
        await page.SetViewportSizeAsync(1400, 1500);
        await page.CreateEnvironmentAsync("eks-environment", "platform");
        await Expect(page.GetByTestId("environment-status")).ToHaveTextAsync("Ready", new() { Timeout = 90_000 });

        await page.GotoInteractiveAsync("/environments/new?template=app-service");
        await page.GetByTestId("environment-name").FillAsync("orders");
        await page.ChooseAsync("environment-class", "Development");
        await page.GetByTestId("param-cluster").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "platform" }).ClickAsync();
        await page.GetByTestId("param-image").FillAsync("nginx:1.27");
        await page.GetByTestId("param-databasePassword").FillAsync("s3cret-password");
        await page.ScreenshotStepAsync("env-ui-16-app-service-form");
        await page.SubmitCreateFormAsync("orders");
        await Expect(page.GetByTestId("environment-status")).ToHaveTextAsync("Ready", new() { Timeout = 90_000 });
        await Expect(page.GetByTestId("parameter").Filter(new() { HasText = "Database password" })).ToContainTextAsync("••••••");
        await page.ScreenshotStepAsync("env-ui-17-app-service-ready");

        await page.GotoInteractiveAsync("/environments/platform");
        await page.GetByTestId("destroy").ClickAsync();
        await page.GetByTestId("destroy-confirm-name").FillAsync("platform");
        await page.GetByTestId("destroy-confirm").ClickAsync();
        await Expect(page.GetByTestId("command-error")).ToContainTextAsync("orders");
        await page.ScreenshotStepAsync("env-ui-18-destroy-conflict");
    }
}
