using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Tests;

/// <summary>
/// Break-glass as an Admin meets it during an incident: an operator asks for a production release, no approver is
/// around, the admin breaks glass with a reason and the environment's name typed; the release rolls out, the request
/// says so in red, the approvals list marks it, and the audit log has <c>approval.break-glass</c>.
/// </summary>
public sealed partial class ApprovalUiTests
{
    private const string Reason = "Incident 4711: checkout is down and the on-call approver is unreachable.";

    [Fact]
    public async Task ProductionRelease_AdminBreaksGlassWithAReason_ItRollsOut_AndTheRequestListAndAuditSaySo()
    {
        await using var portal = await PortalProcess.StartAsync(settings: new Dictionary<string, string> { ["Sandbox__Speed"] = "10" });
        using var api = portal.CreateApiClient();
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SetViewportSizeAsync(1400, 1400);
        const string environment = "prod-bg";
        await CreateProductionEnvironmentAsync(page, environment);

        // The operator asks; only an Admin is offered break-glass.
        await page.SignInAsync("operator");
        await page.GotoInteractiveAsync($"/environments/{environment}/release?workload=web");
        var id = await RequestReleaseAsync(page, "nginx:1.28", null);
        await Expect(page.GetByTestId("approval-cannot-decide")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("break-glass-button")).ToHaveCountAsync(0);
        await SignOutAsync(page);

        await page.SignInAsync("admin");
        await page.GotoInteractiveAsync($"/approvals/{id}");
        await Expect(page.GetByTestId("approval-cannot-decide")).ToContainTextAsync("needs the Approver role");
        await Expect(page.GetByTestId("break-glass-notice")).ToHaveCountAsync(0);
        await page.GetByTestId("break-glass-panel").ScreenshotStepAsync("break-glass-01-admin-panel");

        // The dialog: submit stays disabled until the reason is long enough and the name is typed; Esc closes it.
        await page.GetByTestId("break-glass-button").ClickAsync();
        var dialog = page.GetByTestId("break-glass-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await page.GetByTestId("break-glass-reason").FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await page.GetByTestId("break-glass-button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToBeVisibleAsync();
        var submit = page.GetByTestId("break-glass-submit");
        await Expect(submit).ToBeDisabledAsync();
        await page.GetByTestId("break-glass-reason").FillAsync("  prod is down  ");
        await Expect(page.GetByTestId("break-glass-reason-hint")).ToContainTextAsync("12 characters (at least 20)");
        await page.GetByTestId("break-glass-confirm-name").FillAsync(environment);
        await Expect(submit).ToBeDisabledAsync();
        await page.GetByTestId("break-glass-reason").FillAsync(Reason);
        await page.GetByTestId("break-glass-confirm-name").FillAsync("prod-b");
        await Expect(submit).ToBeDisabledAsync();
        await page.GetByTestId("break-glass-confirm-name").FillAsync(environment);
        await Expect(submit).ToBeEnabledAsync();
        await page.ScreenshotStepAsync("break-glass-02-dialog");

        // Enter in the name field submits: approved by break-glass, queued, rolled out.
        await page.GetByTestId("break-glass-confirm-name").PressAsync("Enter");
        await Expect(dialog).ToHaveCountAsync(0);
        var notice = page.GetByTestId("break-glass-notice");
        await Expect(notice).ToContainTextAsync("Approved by break-glass by admin at ");
        await Expect(notice).ToContainTextAsync(Reason);
        await Expect(page.GetByTestId("approval-execution-job")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("approval-status")).ToHaveAttributeAsync("data-status", "Consumed", s_job);
        await Expect(page.GetByTestId("approval-count")).ToContainTextAsync("0 of 1, from Approver; never the requester · approved by break-glass instead");
        await Expect(page.GetByTestId("break-glass-panel")).ToHaveCountAsync(0);
        var decision = page.GetByTestId("approval-decision");
        await Expect(decision).ToHaveAttributeAsync("data-break-glass", "true");
        await Expect(decision).ToContainTextAsync("admin");
        await Expect(decision.GetByTestId("break-glass-badge")).ToBeVisibleAsync();
        await page.ScreenshotStepAsync("break-glass-03-approved-ran");

        await page.GotoInteractiveAsync($"/environments/{environment}");
        var workload = page.GetByTestId("workload-web");
        await Expect(workload.GetByTestId("workload-last-release").GetByTestId("release-status")).ToHaveAttributeAsync("data-status", "Succeeded", s_job);
        await Expect(workload.GetByTestId("workload-current-image")).ToHaveTextAsync("nginx:1.28", new() { Timeout = 30_000 });

        // The approvals list marks it.
        await page.GotoInteractiveAsync("/approvals");
        await page.GetByTestId("approval-filter-status").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Approved · ran" }).ClickAsync();
        var listed = page.GetByTestId("approvals-grid").Locator("tr").Filter(new() { HasText = "Release nginx:1.28 to web" });
        await Expect(listed.GetByTestId("break-glass-badge")).ToBeVisibleAsync();
        await page.GetByTestId("approvals-grid").ScreenshotStepAsync("break-glass-04-approvals-list");

        // The audit page and the API: approval.break-glass by admin, with the reason and the plan hash.
        await page.GotoInteractiveAsync("/audit");
        await Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("approval.break-glass");
        await page.ScreenshotStepAsync("break-glass-05-audit");
        var audit = await api.GetFromJsonAsync<JsonElement>("/api/audit?action=approval.break-glass");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(("admin", $"approval/{id}", "approved"), (entry.GetProperty("actor").GetString(), entry.GetProperty("target").GetString(), entry.GetProperty("outcome").GetString()));
        var details = JsonDocument.Parse(entry.GetProperty("detailsJson").GetString()!).RootElement;
        Assert.Equal(Reason, details.GetProperty("reason").GetString());
        var request = await api.GetFromJsonAsync<JsonElement>($"/api/approvals/{id}");
        Assert.Equal(request.GetProperty("planHash").GetString(), details.GetProperty("planHash").GetString());
        Assert.False(details.GetProperty("byRequester").GetBoolean());
        Assert.Matches(new Regex("^\\d+\\.\\d+\\.\\d+\\.\\d+$|^::1$|^::ffff:"), entry.GetProperty("remoteAddress").GetString()!);
    }
}
