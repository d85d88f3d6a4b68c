using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Tests;

/// <summary>
/// Releases as a developer does them on an eks-environment: release a new tag and watch the rollout complete, release a
/// tag that crash-loops and watch the verdict fail at the progress deadline with the reason and the crash log, roll back
/// with one click, restart, then compare two releases in the history.
/// </summary>
public sealed class ReleaseUiTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // The sandbox divides every delay by the speed: the Deployment's 600 s progress deadline passes in 12 s.
    private static readonly Dictionary<string, string> s_fast = new() { ["Sandbox__Speed"] = "50" };
    private static readonly LocatorAssertionsToContainTextOptions s_rollout = new() { Timeout = 90_000 };

    [Fact]
    public async Task Release_Crash_Rollback_Restart_Compare_ThroughThePages()
    {
        await using var portal = await PortalProcess.StartAsync(settings: s_fast);
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SetViewportSizeAsync(1400, 1500);
        await page.SignInAsync("operator");
        await page.CreateEnvironmentAsync("eks-environment", "shop");
        await Expect(page.GetByTestId("environment-status")).ToHaveTextAsync("Ready", new() { Timeout = 90_000 });

        var workload = page.GetByTestId("workload-web");
        var verdict = workload.GetByTestId("rollout-verdict");
        var lastRelease = workload.GetByTestId("workload-last-release");
        await Expect(workload.GetByTestId("workload-current-image")).ToHaveTextAsync("nginx:1.27", new() { Timeout = 30_000 });
        await Expect(verdict).ToHaveAttributeAsync("data-state", "Complete", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("release-history")).ToContainTextAsync("No releases yet");
        await workload.ScreenshotStepAsync("release-ui-01-workload");

        // (a) A new tag: the image is checked as it is typed, previewed (running and new image of the direct patch), released, rolled out.
        await workload.GetByTestId("release-workload").ClickAsync();
        await page.WaitForURLAsync(new Regex("/environments/shop/release\\?workload=web$"));
        await page.Locator("main[data-interactive=true]").WaitForAsync();
        await page.GetByTestId("release-image").FillAsync("nginx:1.28 x");
        await Expect(page.GetByTestId("error-image")).ToContainTextAsync("spaces");
        await page.ScreenshotStepAsync("release-ui-02-bad-image");
        await page.GetByTestId("release-image").FillAsync("nginx:1.28");
        await Expect(page.GetByTestId("error-image")).ToHaveCountAsync(0);
        await page.GetByTestId("release-preview").ClickAsync();
        await Expect(page.GetByTestId("release-submit")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("release-current-image")).ToHaveTextAsync("nginx:1.27");
        await Expect(page.GetByTestId("release-new-image")).ToHaveTextAsync("nginx:1.28");
        await page.ScreenshotStepAsync("release-ui-03-preview");
        await page.GetByTestId("release-submit").ClickToNavigateAsync(new Regex("/environments/shop$"));

        await Expect(lastRelease.GetByTestId("release-status")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 120_000 });
        await Expect(workload.Locator("[data-testid=replicaset][data-new=true]").GetByTestId("replicaset-image")).ToHaveTextAsync("nginx:1.28", new() { Timeout = 90_000 });
        await Expect(workload.Locator("[data-testid=replicaset][data-new=true]")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 60_000 });
        await Expect(verdict).ToContainTextAsync("deployment \"web\" successfully rolled out", s_rollout);
        await Expect(workload.GetByTestId("workload-current-image")).ToHaveTextAsync("nginx:1.28");
        await workload.ScreenshotStepAsync("release-ui-04-rolled-out");

        // (b) A tag the sandbox crash-loops: the reason on the pod, its crash log, then the deadline verdict.
        await page.GotoInteractiveAsync("/environments/shop/release?workload=web");
        await page.GetByTestId("release-image").FillAsync("nginx:1.28-crash");
        await page.GetByTestId("release-preview").ClickAsync();
        await page.GetByTestId("release-submit").ClickToNavigateAsync(new Regex("/environments/shop$"));
        var failing = workload.Locator("[data-testid=rollout-pod][data-failing=true]").First;
        await Expect(failing.GetByTestId("rollout-pod-reason")).ToHaveTextAsync("CrashLoopBackOff", new() { Timeout = 90_000 });
        await failing.GetByTestId("show-logs").ClickAsync();
        await Expect(workload.GetByTestId("pod-logs")).ToContainTextAsync("crash", new() { Timeout = 30_000 });
        await Expect(verdict).ToContainTextAsync("deployment \"web\" exceeded its progress deadline", s_rollout);
        await Expect(verdict).ToHaveAttributeAsync("data-state", "Failed");
        await workload.ScreenshotStepAsync("release-ui-05-crash-deadline");
        await Expect(lastRelease.GetByTestId("release-status")).ToHaveAttributeAsync("data-status", "Failed", new() { Timeout = 120_000 });

        // (c) One click back: a new release of the image before, recorded as a Rollback, healthy again.
        await Expect(workload.GetByTestId("rollback-workload")).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await workload.GetByTestId("rollback-workload").ClickAsync();
        await Expect(page.Locator(".rz-dialog")).ToContainTextAsync("nginx:1.28");
        await page.WaitForTimeoutAsync(500); // the dialog's fade-in, for the screenshot
        await page.ScreenshotStepAsync("release-ui-06-rollback-confirm");
        await page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();
        await Expect(lastRelease.GetByTestId("release-kind")).ToHaveAttributeAsync("data-kind", "Rollback", new() { Timeout = 30_000 });
        await Expect(lastRelease.GetByTestId("release-status")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 120_000 });
        await Expect(verdict).ToContainTextAsync("deployment \"web\" successfully rolled out", s_rollout);
        await Expect(workload.GetByTestId("workload-current-image")).ToHaveTextAsync("nginx:1.28");
        await Expect(workload.Locator("[data-testid=rollout-pod][data-failing=true]")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await workload.ScreenshotStepAsync("release-ui-07-rolled-back");

        // (d) Restart: new pods of the same image, tracked to the verdict.
        await Expect(workload.GetByTestId("restart-workload")).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await workload.GetByTestId("restart-workload").ClickAsync();
        await page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Restart" }).ClickAsync();
        await Expect(lastRelease.GetByTestId("release-kind")).ToHaveAttributeAsync("data-kind", "Restart", new() { Timeout = 30_000 });
        await Expect(lastRelease.GetByTestId("release-status")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 120_000 });
        await Expect(verdict).ToContainTextAsync("deployment \"web\" successfully rolled out", s_rollout);
        await workload.ScreenshotStepAsync("release-ui-08-restarted");

        // (e) The history: four releases, newest first; compare the good release with the crashing one.
        var history = page.GetByTestId("release-history");
        var rows = history.Locator("tr[data-testid^=release-row-]");
        await Expect(rows).ToHaveCountAsync(4, new() { Timeout = 30_000 });
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-kind", "Restart");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-kind", "Rollback");
        await Expect(rows.Nth(2)).ToHaveAttributeAsync("data-status", "Failed");
        await rows.Nth(2).GetByTestId("compare-select").ClickAsync();
        await rows.Nth(3).GetByTestId("compare-select").ClickAsync();
        await history.GetByTestId("compare-releases").ClickAsync();
        var image = history.GetByTestId("release-diff").Locator("[data-testid=diff-line][data-key=image]");
        await Expect(image).ToHaveAttributeAsync("data-changed", "true");
        await Expect(image).ToContainTextAsync("nginx:1.28-crash");
        await history.ScreenshotStepAsync("release-ui-09-history-compare");
    }

    [Fact]
    public async Task PulumiConfigRelease_PulumiDiff_Crash_Rollback_OnAnAppService()
    {
        await using var portal = await PortalProcess.StartAsync(settings: s_fast);
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SetViewportSizeAsync(1400, 1500);
        await page.SignInAsync("operator");
        await page.CreateEnvironmentAsync("eks-environment", "lab");
        await Expect(page.GetByTestId("environment-status")).ToHaveTextAsync("Ready", new() { Timeout = 90_000 });
        await page.CreateEnvironmentAsync("app-service", "orders", fill: async form =>
        {
            await form.GetByTestId("param-cluster").ClickAsync();
            await form.GetByRole(AriaRole.Option, new() { Name = "lab" }).ClickAsync();
            await form.GetByTestId("param-image").FillAsync("nginx:1.27");
            await form.GetByTestId("param-databasePassword").FillAsync("s3cret-password");
        });
        await Expect(page.GetByTestId("environment-status")).ToHaveTextAsync("Ready", new() { Timeout = 90_000 });

        var workload = page.GetByTestId("workload-app");
        var verdict = workload.GetByTestId("rollout-verdict");
        var lastRelease = workload.GetByTestId("workload-last-release");
        await Expect(workload.GetByTestId("workload-strategy")).ToHaveTextAsync("pulumi-config");
        await Expect(workload.GetByTestId("workload-current-image")).ToHaveTextAsync("nginx:1.27", new() { Timeout = 30_000 });

        // (a) A new tag: the preview is a Pulumi preview whose diff updates the Deployment's image; then pulumi up, then the rollout.
        await workload.GetByTestId("release-workload").ClickAsync();
        await page.WaitForURLAsync(new Regex("/environments/orders/release\\?workload=app$"));
        await page.Locator("main[data-interactive=true]").WaitForAsync();
        await page.GetByTestId("release-image").FillAsync("nginx:1.28");
        await page.GetByTestId("release-preview").ClickAsync();
        var preview = page.GetByTestId("release-preview-section");
        await Expect(page.GetByTestId("release-submit")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(preview.GetByTestId("parameter-change").Filter(new() { HasText = "nginx:1.28" })).ToContainTextAsync("nginx:1.27");
        var deploymentStep = preview.GetByTestId("planned-step").Filter(new() { HasText = "apps/v1:Deployment" });
        await Expect(deploymentStep).ToHaveAttributeAsync("data-operation", "update");
        await Expect(deploymentStep).ToContainTextAsync("spec");
        await Expect(preview.GetByTestId("release-new-image")).ToHaveTextAsync("nginx:1.28");
        await page.ScreenshotStepAsync("release-ui-10-pulumi-preview");
        await page.GetByTestId("release-submit").ClickToNavigateAsync(new Regex("/environments/orders$"));

        await Expect(lastRelease.GetByTestId("release-status")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 120_000 });
        await Expect(verdict).ToContainTextAsync("deployment \"api\" successfully rolled out", s_rollout);
        await Expect(workload.GetByTestId("workload-current-image")).ToHaveTextAsync("nginx:1.28");
        await Expect(workload.Locator("[data-testid=replicaset][data-new=true]").GetByTestId("replicaset-image")).ToHaveTextAsync("nginx:1.28");
        await workload.ScreenshotStepAsync("release-ui-11-pulumi-rolled-out");

        // (b) A crashing tag: the new pods crash-loop, the verdict fails at the progress deadline and the card says why.
        await page.GotoInteractiveAsync("/environments/orders/release?workload=app");
        await page.GetByTestId("release-image").FillAsync("nginx:1.28-crash");
        await page.GetByTestId("release-preview").ClickAsync();
        await page.GetByTestId("release-submit").ClickToNavigateAsync(new Regex("/environments/orders$"));
        var failing = workload.Locator("[data-testid=rollout-pod][data-failing=true]").First;
        await Expect(failing.GetByTestId("rollout-pod-reason")).ToHaveTextAsync("CrashLoopBackOff", new() { Timeout = 90_000 });
        await page.ScreenshotStepAsync("release-ui-12-pulumi-crashing");
        await Expect(lastRelease.GetByTestId("release-status")).ToHaveAttributeAsync("data-status", "Failed", new() { Timeout = 120_000 });
        await Expect(verdict).ToContainTextAsync("deployment \"api\" exceeded its progress deadline", s_rollout);
        await Expect(lastRelease.GetByTestId("workload-last-release-reason")).ToContainTextAsync("CrashLoopBackOff");
        await workload.ScreenshotStepAsync("release-ui-13-pulumi-crash-failed");

        // (c) One click back to the image before, through pulumi up again, healthy.
        await Expect(workload.GetByTestId("rollback-workload")).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await workload.GetByTestId("rollback-workload").ClickAsync();
        await Expect(page.Locator(".rz-dialog")).ToContainTextAsync("nginx:1.28");
        await page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();
        await Expect(lastRelease.GetByTestId("release-kind")).ToHaveAttributeAsync("data-kind", "Rollback", new() { Timeout = 30_000 });
        await Expect(lastRelease.GetByTestId("release-status")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 120_000 });
        await Expect(verdict).ToContainTextAsync("deployment \"api\" successfully rolled out", s_rollout);
        await Expect(workload.GetByTestId("workload-current-image")).ToHaveTextAsync("nginx:1.28");
        await Expect(workload.Locator("[data-testid=rollout-pod][data-failing=true]")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("environment-status")).ToHaveTextAsync("Ready");
        await workload.ScreenshotStepAsync("release-ui-14-pulumi-rolled-back");
    }
}
