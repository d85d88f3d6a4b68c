using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Access;

namespace Portal.Web.Tests.Access;

/// <summary>The sign-in form through the test server: cookie on success, audited failures, lockout, rate limit, sign-out.</summary>
public sealed partial class SignInTests
{
    [Fact]
    public async Task GoodPassword_SetsAnHttpOnlyStrictCookieAndRedirectsToTheLocalReturnUrl()
    {
        await using var factory = new PortalWebFactory();
        using var client = factory.CreateAnonymousClient();

        var page = await client.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/signin?ReturnUrl=%2Fjobs", page.Headers.Location!.ToString(), StringComparison.Ordinal);

        var response = await PostSignInAsync(client, "operator", "operator-demo-pass", returnUrl: "/jobs");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/jobs", response.Headers.Location!.ToString());
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/jobs")).StatusCode);

        // An absolute return URL is not followed.
        using var other = factory.CreateAnonymousClient();
        var offsite = await PostSignInAsync(other, "viewer", "viewer-demo-pass", returnUrl: "//evil.example/");
        Assert.Equal("/", offsite.Headers.Location!.ToString());
        var entries = await factory.AuditAsync("auth.signin");
        Assert.Contains(entries, e => e.Actor == "operator" && e.Outcome == "succeeded");
    }

    [Fact]
    public async Task WrongPassword_SaysSoAndIsAuditedWithoutThePassword_ThenLocksOutAfterTheLimit()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Auth:MaxFailedSignIns"] = "3" });
        using var client = factory.CreateAnonymousClient();

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var response = await PostSignInAsync(client, "operator", "wrong-password-" + attempt);
            Assert.Contains("error=invalid", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var third = await PostSignInAsync(client, "operator", "wrong-password-3");
        Assert.Contains("error=invalid", third.Headers.Location!.ToString(), StringComparison.Ordinal);

        // Locked: even the right password is refused now, with the very answer a wrong password gets (the audit says why).
        var right = await PostSignInAsync(client, "operator", "operator-demo-pass");
        Assert.Contains("error=invalid", right.Headers.Location!.ToString(), StringComparison.Ordinal);

        var entries = await factory.AuditAsync("auth.signin");
        Assert.Equal(["failed", "failed", "locked-out", "locked-out"], entries.Select(e => e.Outcome));
        Assert.All(entries, e => Assert.DoesNotContain("wrong-password", e.DetailsJson, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("demo-pass", e.DetailsJson, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LockedDisabledAndUnknownAccounts_GetTheWrongPasswordAnswer_TheAuditKeepsTheReason()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Auth:MaxFailedSignIns"] = "1" });
        using var client = factory.CreateAnonymousClient();
        var accounts = factory.Services.GetRequiredService<IAccountService>();
        Assert.True((await accounts.SetDisabledAsync("viewer", true, AccessTestData.Actor(PortalRoles.Admin))).Succeeded);
        await PostSignInAsync(client, "approver", "wrong-password-1");

        var direct = new[]
        {
            await accounts.SignInAsync("operator", "wrong-password-2", null),
            await accounts.SignInAsync("approver", "approver-demo-pass", null),
            await accounts.SignInAsync("viewer", "viewer-demo-pass", null),
            await accounts.SignInAsync("nobody-here", "whatever-password", null),
        };
        Assert.Equal([SignInOutcome.LockedOut, SignInOutcome.LockedOut, SignInOutcome.Disabled, SignInOutcome.Failed], direct.Select(r => r.Outcome));
        Assert.Single(direct.Select(r => r.Message).Distinct());

        var wrong = await PostSignInAsync(client, "admin", "wrong-password-3");
        var locked = await PostSignInAsync(client, "approver", "approver-demo-pass");
        var disabled = await PostSignInAsync(client, "viewer", "viewer-demo-pass");
        foreach (var response in new[] { wrong, locked, disabled })
        {
            Assert.Contains("error=invalid", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        // Old links with the former codes show the same text too.
        var texts = new List<string>();
        foreach (var code in new[] { "invalid", "locked", "disabled" })
        {
            texts.Add(SignInError(await client.GetStringAsync($"/signin?error={code}")));
        }

        Assert.Equal([SignInOutcomeText.Failed], texts.Distinct());
        var outcomes = (await factory.AuditAsync("auth.signin")).Select(e => (e.Actor, e.Outcome)).ToList();
        Assert.Contains(("approver", "locked-out"), outcomes);
        Assert.Contains(("viewer", "disabled"), outcomes);
    }

    [Fact]
    public async Task MissingAntiforgeryToken_IsRefused()
    {
        await using var factory = new PortalWebFactory();
        using var client = factory.CreateAnonymousClient();
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "admin", ["password"] = "admin-demo-pass" }));
        Assert.Contains("error=expired", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TooManyAttemptsFromOneAddress_Get429WithRetryAfter()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Auth:SignInPermitsPerMinute"] = "3" });
        using var client = factory.CreateAnonymousClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(client, "nobody", "whatever-password")).StatusCode);
        }

        var limited = await PostSignInAsync(client, "admin", "admin-demo-pass");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionAndIsAudited()
    {
        await using var factory = new PortalWebFactory();
        using var client = factory.CreateAnonymousClient();
        await PostSignInAsync(client, "admin", "admin-demo-pass");
        var page = await client.GetStringAsync("/settings");
        var response = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Antiforgery(page) }));
        Assert.Equal("/signin", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/settings")).StatusCode);
        Assert.Contains(await factory.AuditAsync("auth.signout"), e => e.Actor == "admin");
    }

    internal static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string name, string password, string returnUrl = "/")
    {
        var form = await client.GetStringAsync("/signin");
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery(form),
            ["name"] = name,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    private static string SignInError(string html) => SignInErrorText().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("No sign-in error on the page.");

    [GeneratedRegex("data-testid=\"signin-error\"[^>]*>([^<]*)<")]
    private static partial Regex SignInErrorText();

    private static string Antiforgery(string html) => AntiforgeryInput().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
