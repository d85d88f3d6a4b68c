using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Portal.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Tests;

/// <summary>Sign-in, API tokens and roles as people meet them in Chromium, under the portal's content security policy.</summary>
public sealed class AuthUiTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Dictionary<string, string> s_fast = new() { ["Sandbox__Speed"] = "20" };

    [Fact]
    public async Task SignIn_SandboxDemoUsers_WrongPasswordThenOperatorThenSignOut_WithoutCspViolations()
    {
        await using var portal = await PortalProcess.StartAsync(settings: s_fast);
        var page = await browser.NewPageAsync(portal.BaseAddress);
        var violations = WatchConsole(page);

        await page.GotoAsync("/jobs");
        Assert.Contains("/signin?ReturnUrl=%2Fjobs", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("demo-users")).ToContainTextAsync("operator-demo-pass");
        await Expect(page.GetByTestId("demo-user")).ToHaveCountAsync(6);
        await page.ScreenshotStepAsync("auth-01-signin");

        await page.GetByTestId("signin-name").FillAsync("operator");
        await page.GetByTestId("signin-password").FillAsync("not-the-password");
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("Wrong user name or password");
        await Expect(page.GetByTestId("signin-name")).ToHaveValueAsync("operator");

        await page.GetByTestId("signin-password").FillAsync("operator-demo-pass");
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.Locator("main[data-interactive=true]").WaitForAsync();
        Assert.EndsWith("/jobs", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("current-user-name")).ToHaveTextAsync("operator");
        await Expect(page.GetByTestId("current-user-roles")).ToHaveTextAsync("Operator");
        await page.GotoInteractiveAsync("/");
        await Expect(page.GetByTestId("new-environment")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByText("Users", new() { Exact = true })).ToHaveCountAsync(0);

        // Radzen and the circuit work under the CSP: a dropdown opens, a page renders live.
        await page.GotoInteractiveAsync("/environments/new?template=eks-environment");
        await page.GetByTestId("environment-class").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Development" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Production" })).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");
        await page.GotoInteractiveAsync("/audit");
        await Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("auth.signin");

        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("signin-form")).ToBeVisibleAsync();
        await page.GotoAsync("/audit");
        Assert.Contains("/signin?ReturnUrl=%2Faudit", page.Url, StringComparison.Ordinal);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task ApiToken_CreatedShownOnceUsedThenRevoked()
    {
        await using var portal = await PortalProcess.StartAsync(settings: s_fast);
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SignInAsync("operator");

        await page.GotoInteractiveAsync("/account/tokens");
        await page.GetByTestId("create-token").ClickAsync();
        await Expect(page.GetByTestId("error-name")).ToContainTextAsync("Give the token a name");
        await page.GetByTestId("token-name").FillAsync("ci-deploy");
        await page.GetByTestId("create-token").ClickAsync();
        var token = (await page.GetByTestId("new-token").TextContentAsync())!.Trim();
        Assert.StartsWith("ptl_", token, StringComparison.Ordinal);
        await Expect(page.GetByTestId("my-tokens")).ToContainTextAsync("ci-deploy");
        await page.ScreenshotStepAsync("auth-02-token-shown-once");

        using var api = new HttpClient { BaseAddress = portal.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/environments")).StatusCode);

        // Shown once: after a reload only the prefix is left.
        await page.GotoInteractiveAsync("/account/tokens");
        await Expect(page.GetByTestId("new-token")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("my-tokens")).Not.ToContainTextAsync(token);
        await Expect(page.GetByTestId("token-row").Filter(new() { HasText = "ci-deploy" }).GetByTestId("token-status")).ToHaveTextAsync("Active");

        await page.GetByTestId("revoke-token").ClickAsync();
        await page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.GetByTestId("token-status")).ToHaveTextAsync("Revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/environments")).StatusCode);
    }

    [Fact]
    public async Task Viewer_EnvironmentPage_ShowsNoActions()
    {
        await using var portal = await PortalProcess.StartAsync(settings: s_fast);
        using var api = portal.CreateApiClient();
        var created = await api.PostAsync("/api/environments", new StringContent(
            """{"name":"dev-view","template":"eks-environment","class":"development","parameters":{}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var jobId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetInt64();

        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SignInAsync("viewer");
        await page.GotoInteractiveAsync("/environments/dev-view");
        await Expect(page.GetByTestId("environment-status")).ToHaveTextAsync("Ready", new() { Timeout = 120_000 });
        await Expect(page.GetByTestId("output-loadBalancerHostname")).ToContainTextAsync("elb.us-east-1.amazonaws.com");
        await Expect(page.GetByTestId("current-user-roles")).ToHaveTextAsync("Viewer");
        foreach (var action in new[] { "change-settings", "check-drift", "destroy", "reveal-kubeconfig" })
        {
            await Expect(page.GetByTestId(action)).ToHaveCountAsync(0);
        }

        await page.ScreenshotStepAsync("auth-03-viewer-environment");
        await page.GotoInteractiveAsync($"/jobs/{jobId}");
        await Expect(page.GetByTestId("job-state")).ToHaveTextAsync("Succeeded");
        await page.GotoInteractiveAsync("/");
        await Expect(page.GetByTestId("environments-grid")).ToContainTextAsync("dev-view");
        await Expect(page.GetByTestId("new-environment")).ToHaveCountAsync(0);
    }

    /// <summary>Console errors and page errors (a CSP violation is reported as a console error).</summary>
    private static List<string> WatchConsole(IPage page)
    {
        var messages = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (messages)
                {
                    messages.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (messages)
            {
                messages.Add(error);
            }
        };
        return messages;
    }
}
