using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Tests;

/// <summary>The shell as a new user meets it: navigation, the sandbox banner, and a job run watched live.</summary>
public sealed class ShellTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Shell_FreshPortal_RendersNavigationAndSandboxBanner()
    {
        await using var portal = await PortalProcess.StartAsync();
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SignInAsync("operator");

        await page.GotoInteractiveAsync("/");

        await Expect(page.GetByTestId("sandbox-banner")).ToContainTextAsync("Sandbox: simulated cloud");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Environments" })).ToBeVisibleAsync();
        await Expect(page.GetByText("No environments yet")).ToBeVisibleAsync();
        await page.ScreenshotStepAsync("shell-01-environments");

        foreach (var (link, heading) in new[] { ("Jobs", "Jobs"), ("Approvals", "Approvals"), ("Audit", "Audit"), ("Settings", "Settings") })
        {
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByText(link, new() { Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task SelfTest_RunFromSettings_ShowsLiveProgressThenSucceededAndAudits()
    {
        await using var portal = await PortalProcess.StartAsync();
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SignInAsync("admin");

        await page.GotoInteractiveAsync("/settings");
        await Expect(page.GetByTestId("health")).ToContainTextAsync("worker");
        await page.GetByTestId("run-self-test").ClickAsync();

        await page.WaitForURLAsync(new Regex(@"/jobs/\d+$"));
        await Expect(page.GetByTestId("job-log")).ToContainTextAsync("Step 1 of 5 done.");
        await page.ScreenshotStepAsync("shell-02-job-running");
        await Expect(page.GetByTestId("job-state")).ToHaveTextAsync("Succeeded", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("job-log")).ToContainTextAsync("All steps done.");
        await page.ScreenshotStepAsync("shell-03-job-succeeded");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByText("Jobs", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("jobs-grid")).ToContainTextAsync("Queue self-test");
        await Expect(page.GetByTestId("jobs-grid")).ToContainTextAsync("Succeeded");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByText("Audit", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("system.self-test");
        await Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("job.succeeded");
        await page.GetByTestId("verify-chain").ClickAsync();
        await Expect(page.GetByTestId("chain-valid")).ToContainTextAsync("Chain intact");
        await page.ScreenshotStepAsync("shell-04-audit");
    }
}
