using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Tests;

/// <summary>
/// Plan-bound approvals as people meet them on a production eks-environment: an operator asks for a release and sees it
/// wait; neither the operator nor a viewer can approve it; an approver sees the images and the plan, approves, and it
/// rolls out. Then two releases planned against the same image, both approved: the second, overtaken in the queue by
/// the first, refuses to run and its request goes Stale with the approval void. The audit log has it all and verifies.
/// </summary>
public sealed partial class ApprovalUiTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // Speed 2: the environment is created in about half a minute and a rollout takes a few seconds, so an approval given
    // right after another one lands while the first release still runs (the job records are checked to be sure).
    private static readonly Dictionary<string, string> s_settings = new() { ["Sandbox__Speed"] = "2" };
    private static readonly LocatorAssertionsToHaveAttributeOptions s_job = new() { Timeout = 90_000 };
    private const string EnvironmentName = "prod-shop";

    [Fact]
    public async Task ProductionRelease_OperatorAsks_OnlyAnotherApproverApproves_ItRuns_ThenAnOvertakenApprovalGoesStale()
    {
        await using var portal = await PortalProcess.StartAsync(settings: s_settings);
        using var api = portal.CreateApiClient();
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SetViewportSizeAsync(1400, 1400);

        // (a) Production environments are created by an Admin.
        await CreateProductionEnvironmentAsync(page, EnvironmentName);

        // (b) The operator releases a new tag: told the environment is protected, then shown the request waiting.
        await page.SignInAsync("operator");
        await page.GotoInteractiveAsync($"/environments/{EnvironmentName}");
        var workload = page.GetByTestId("workload-web");
        await Expect(workload.GetByTestId("workload-current-image")).ToHaveTextAsync("nginx:1.27", new() { Timeout = 30_000 });
        await workload.GetByTestId("release-workload").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/environments/{EnvironmentName}/release\\?workload=web$"));
        await page.Locator("main[data-interactive=true]").WaitForAsync();
        await Expect(page.GetByTestId("protected-notice")).ToContainTextAsync("This environment is protected");
        var first = await RequestReleaseAsync(page, "nginx:1.28", "approval-ui-01-release-form-protected");
        await Expect(page.GetByTestId("approval-requested-by")).ToContainTextAsync("operator");
        await ExpectPlannedImageAsync(page, "nginx:1.27", "nginx:1.28");
        await Expect(page.GetByTestId("planned-step")).ToHaveAttributeAsync("data-operation", "update");

        // (c) The requester cannot approve: no buttons, the reason why, and a way to withdraw instead.
        await Expect(page.GetByTestId("approval-cannot-decide")).ToContainTextAsync("You requested this change; someone else must approve it.");
        await Expect(page.GetByTestId("approve-button")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("reject-button")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("approval-withdraw")).ToBeVisibleAsync();
        await page.ScreenshotStepAsync("approval-ui-02-requester-waiting");

        // The environment page says what waits.
        await page.GotoInteractiveAsync($"/environments/{EnvironmentName}");
        await Expect(page.GetByTestId("pending-approval")).ToContainTextAsync("Waiting for approval");
        await page.GetByTestId("pending-approvals").ScreenshotStepAsync("approval-ui-03-environment-pending");

        // A viewer cannot approve either.
        var viewer = await browser.NewPageAsync(portal.BaseAddress);
        await viewer.SignInAsync("viewer");
        await viewer.GotoInteractiveAsync($"/approvals/{first}");
        await Expect(viewer.GetByTestId("approval-cannot-decide")).ToContainTextAsync("needs the Approver role");
        await Expect(viewer.GetByTestId("approve-button")).ToHaveCountAsync(0);
        await Expect(viewer.GetByTestId("approval-withdraw")).ToHaveCountAsync(0);
        await viewer.GetByTestId("approval-decision-panel").ScreenshotStepAsync("approval-ui-04-viewer-cannot-decide");
        await viewer.Context.CloseAsync();

        // (d) An approver finds it in the list, sees the diff, approves; it runs and rolls out.
        await SignOutAsync(page);
        await page.SignInAsync("approver");
        await page.GotoInteractiveAsync("/approvals");
        var listed = page.GetByTestId("approvals-grid").Locator("tr").Filter(new() { HasText = "Release nginx:1.28 to web" });
        await Expect(listed.GetByTestId("approval-status")).ToHaveAttributeAsync("data-status", "AwaitingApproval");
        await Expect(listed).ToContainTextAsync("operator");
        await page.ScreenshotStepAsync("approval-ui-05-approvals-list");
        await listed.GetByTestId("approval-link").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/approvals/{first}$"));
        await page.Locator("main[data-interactive=true]").WaitForAsync();
        await ExpectPlannedImageAsync(page, "nginx:1.27", "nginx:1.28");
        await Expect(page.GetByTestId("planned-step")).ToContainTextAsync("web");
        await Expect(page.GetByTestId("approval-cannot-decide")).ToHaveCountAsync(0);
        await page.GetByTestId("approval-comment").FillAsync("Tag checked in staging.");
        await page.ScreenshotStepAsync("approval-ui-06-approver-diff");
        await page.GetByTestId("approve-button").ClickAsync();
        await Expect(page.GetByTestId("approval-execution-job")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("approval-status")).ToHaveAttributeAsync("data-status", "Consumed", s_job);
        await Expect(page.GetByTestId("approval-decision").Filter(new() { HasText = "approver" })).ToContainTextAsync("Approved");
        await Expect(page.GetByTestId("approval-cannot-decide")).ToContainTextAsync("Approved and used: job");
        await Expect(page.GetByTestId("approval-message")).ToHaveCountAsync(0);
        await page.ScreenshotStepAsync("approval-ui-07-approved-ran");

        await page.GotoInteractiveAsync($"/environments/{EnvironmentName}");
        workload = page.GetByTestId("workload-web");
        await Expect(workload.GetByTestId("workload-last-release").GetByTestId("release-status")).ToHaveAttributeAsync("data-status", "Succeeded", s_job);
        await Expect(workload.GetByTestId("workload-current-image")).ToHaveTextAsync("nginx:1.28", new() { Timeout = 30_000 });
        var rows = page.GetByTestId("release-history").Locator("tr[data-testid^=release-row-]");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-status", "Succeeded");
        await Expect(rows.First.GetByTestId("release-requested-by")).ToContainTextAsync("operator");
        await Expect(page.GetByTestId("pending-approvals")).ToHaveCountAsync(0);
        await workload.ScreenshotStepAsync("approval-ui-08-rolled-out");

        // (e) Two releases planned against the same running image (nginx:1.28).
        await SignOutAsync(page);
        await page.SignInAsync("operator");
        await page.GotoInteractiveAsync($"/environments/{EnvironmentName}/release?workload=web");
        var a = await RequestReleaseAsync(page, "nginx:1.29", null);
        await ExpectPlannedImageAsync(page, "nginx:1.28", "nginx:1.29");
        await page.GotoInteractiveAsync($"/environments/{EnvironmentName}/release?workload=web");
        var b = await RequestReleaseAsync(page, "nginx:1.30", null);
        await ExpectPlannedImageAsync(page, "nginx:1.28", "nginx:1.30");

        // The approver approves A, then B while A still runs: B's job waits behind A in the environment's queue.
        await SignOutAsync(page);
        await page.SignInAsync("approver");
        var pageB = await page.Context.NewPageAsync();
        await pageB.SetViewportSizeAsync(1400, 1400);
        await page.GotoInteractiveAsync($"/approvals/{a}");
        await pageB.GotoInteractiveAsync($"/approvals/{b}");
        await page.GetByTestId("approve-button").ClickAsync();
        await Expect(page.GetByTestId("approval-execution-job")).ToBeVisibleAsync();
        await pageB.GetByTestId("approve-button").ClickAsync();
        await Expect(pageB.GetByTestId("approval-execution-job")).ToBeVisibleAsync();

        await Expect(page.GetByTestId("approval-status")).ToHaveAttributeAsync("data-status", "Consumed", s_job);
        await Expect(pageB.GetByTestId("approval-status")).ToHaveAttributeAsync("data-status", "Stale", s_job);
        await Expect(pageB.GetByTestId("approval-error")).ToContainTextAsync("The approvals given are void");
        await Expect(pageB.GetByTestId("approval-decision").Filter(new() { HasText = "approver" })).ToContainTextAsync("Void: plan changed");
        await Expect(pageB.GetByTestId("approval-count")).ToContainTextAsync("0 of 1");
        await Expect(pageB.GetByTestId("approve-button")).ToHaveCountAsync(0);
        await Expect(pageB.GetByTestId("approval-cannot-decide")).ToContainTextAsync("Stale: the environment changed after the approval");
        await Expect(pageB.GetByTestId("approval-message")).ToHaveCountAsync(0);
        await pageB.ScreenshotStepAsync("approval-ui-09-stale");

        // The job records prove the order: B was queued before A finished, and started (and refused) only after.
        var jobA = await ExecutionJobAsync(api, a);
        var jobB = await ExecutionJobAsync(api, b);
        Assert.Equal(("succeeded", "failed"), (jobA.GetProperty("state").GetString(), jobB.GetProperty("state").GetString()));
        var aFinished = jobA.GetProperty("finishedAt").GetDateTimeOffset();
        Assert.True(jobB.GetProperty("createdAt").GetDateTimeOffset() < aFinished, $"B's job was queued after A finished: A {jobA}, B {jobB}");
        Assert.True(jobB.GetProperty("startedAt").GetDateTimeOffset() >= aFinished, $"B's job started before A finished: A {jobA}, B {jobB}");
        Assert.StartsWith("The planned change differs from what was approved", jobB.GetProperty("error").GetString(), StringComparison.Ordinal);

        // The workload runs A's tag.
        await pageB.CloseAsync();
        await page.GotoInteractiveAsync($"/environments/{EnvironmentName}");
        workload = page.GetByTestId("workload-web");
        await Expect(workload.GetByTestId("workload-current-image")).ToHaveTextAsync("nginx:1.29", new() { Timeout = 30_000 });
        await Expect(rows.Filter(new() { HasText = "nginx:1.29" })).ToHaveAttributeAsync("data-status", "Succeeded");
        await page.GetByTestId("release-history").ScreenshotStepAsync("approval-ui-10-history-after-stale");

        // The audit log: sign-ins, requests, decisions, the stale request and the consumed approvals, with their actors; the chain verifies.
        await page.GotoInteractiveAsync("/audit");
        await page.GetByTestId("verify-chain").ClickAsync();
        await Expect(page.GetByTestId("chain-valid")).ToContainTextAsync("Chain intact");
        await Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("approval.stale");
        await page.ScreenshotStepAsync("approval-ui-11-audit");

        var signIns = await AuditAsync(api, "auth.signin");
        Assert.Superset(new HashSet<string> { "admin", "operator", "viewer", "approver" }, signIns.Select(e => e.Actor).ToHashSet());
        Assert.Equal(
            new List<(long, string)> { (first, "operator"), (a, "operator"), (b, "operator") },
            (await AuditAsync(api, "approval.request")).Select(e => (RequestOf(e.Target), e.Actor)).Order().ToList());
        Assert.Equal(
            new List<(long, string)> { (first, "approver"), (a, "approver"), (b, "approver") },
            (await AuditAsync(api, "approval.approve")).Select(e => (RequestOf(e.Target), e.Actor)).Order().ToList());
        Assert.Equal(new List<long> { b }, (await AuditAsync(api, "approval.stale")).Select(e => RequestOf(e.Target)).ToList());
        Assert.Equal(new List<long> { first, a }, (await AuditAsync(api, "approval.consume")).Select(e => RequestOf(e.Target)).Order().ToList());
        var verification = await (await api.PostAsync("/api/audit/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(verification.GetProperty("isValid").GetBoolean(), verification.ToString());
    }

    /// <summary>Signs in as admin, creates a production eks-environment, waits until it is Ready, and signs out.</summary>
    private static async Task CreateProductionEnvironmentAsync(IPage page, string name)
    {
        await page.SignInAsync("admin");
        await page.CreateEnvironmentAsync("eks-environment", name, "Production");
        await Expect(page.GetByTestId("environment-status")).ToHaveTextAsync("Ready", new() { Timeout = 120_000 });
        await SignOutAsync(page);
    }

    /// <summary>On the release page: types the image, previews, submits, lands on the request and waits for its plan; returns the request's id.</summary>
    private static async Task<long> RequestReleaseAsync(IPage page, string image, string? screenshot)
    {
        await page.GetByTestId("release-image").FillAsync(image);
        await page.GetByTestId("release-preview").ClickAsync();
        await Expect(page.GetByTestId("release-new-image")).ToHaveTextAsync(image, new() { Timeout = 60_000 });
        if (screenshot is not null)
        {
            await page.ScreenshotStepAsync(screenshot);
        }

        await page.GetByTestId("release-submit").ClickToNavigateAsync(RequestId());
        await page.Locator("main[data-interactive=true]").WaitForAsync();
        await Expect(page.GetByTestId("approval-status")).ToHaveAttributeAsync("data-status", "AwaitingApproval", s_job);
        return long.Parse(RequestId().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExpectPlannedImageAsync(IPage page, string before, string after)
    {
        var row = page.GetByTestId("planned-image");
        await Expect(row).ToHaveAttributeAsync("data-workload", "web");
        await Expect(row.Locator(".before")).ToHaveTextAsync(before);
        await Expect(row.Locator(".after")).ToHaveTextAsync(after);
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("signin-form")).ToBeVisibleAsync();
    }

    private static async Task<JsonElement> ExecutionJobAsync(HttpClient api, long request)
    {
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/approvals/{request}");
        var jobId = detail.GetProperty("summary").GetProperty("executionJobId").GetInt64();
        return await api.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
    }

    private static async Task<List<(string Actor, string Target)>> AuditAsync(HttpClient api, string action)
    {
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/audit?action={action}&take=200");
        return [.. page.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("actor").GetString()!, e.GetProperty("target").GetString()!))];
    }

    private static long RequestOf(string target) => long.Parse(target["approval/".Length..], System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/approvals/(\d+)$")]
    private static partial Regex RequestId();
}
