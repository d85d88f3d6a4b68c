using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Access;
using Portal.Provisioning.Environments;
using Portal.Web.Tests.Endpoints;

namespace Portal.Web.Tests.Access;

/// <summary>
/// <c>/api/approvals</c> with each role's token on a real production environment (sandbox, planned for real): any signed-in
/// role lists and reads; approve and reject are 403 for Viewer, Operator, the requester even holding Approver, and Admin
/// (appsettings.json: production needs 1 approval from the Approver role, so Admin is not eligible); 200 for another
/// Approver; 401 without a token. The expectations are written out, not derived from the policy.
/// </summary>
public sealed class ApprovalRoleTests(ApprovalRoleTests.Portal portal) : IClassFixture<ApprovalRoleTests.Portal>
{
    public static TheoryData<string, string> Denied() => new()
    {
        // token owner (demo user, or "dual": Operator and Approver, who asked for every request here), decision
        { "viewer", "approve" },
        { "viewer", "reject" },
        { "operator", "approve" },
        { "operator", "reject" },
        { "admin", "approve" },
        { "admin", "reject" },
        { "dual", "approve" },
        { "dual", "reject" },
    };

    [Fact]
    public async Task ListAndRead_AnySignedInRole_200_WithoutToken_401()
    {
        using var client = portal.Factory.CreateAnonymousClient();
        foreach (var path in new[] { "/api/approvals", "/api/approvals?status=awaiting", $"/api/approvals/{portal.ForDenials}" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Request(HttpMethod.Get, path, null, token: null))).StatusCode);
            foreach (var user in new[] { "viewer", "operator", "approver", "admin" })
            {
                var response = await client.SendAsync(Request(HttpMethod.Get, path, null, portal.Tokens[user]));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user} GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        var list = await (await client.SendAsync(Request(HttpMethod.Get, "/api/approvals?environment=prod-roles", null, portal.Tokens["viewer"]))).ReadJsonAsync();
        Assert.True(list.GetProperty("totalCount").GetInt32() >= 3, list.ToString());
    }

    [Theory]
    [MemberData(nameof(Denied))]
    public async Task Decide_NotEligibleOrTheRequester_403_AndNothingIsRecorded(string user, string decision)
    {
        using var client = portal.Factory.CreateAnonymousClient();
        var response = await client.SendAsync(Request(HttpMethod.Post, $"/api/approvals/{portal.ForDenials}/{decision}", """{"comment":"Looks fine to me."}""", portal.Tokens[user]));

        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{user} {decision}: expected 403, got {(int)response.StatusCode} {body}");
        Assert.Equal(
            user == "dual" ? "You requested this change; someone else must approve it." : "Deciding on changes to production environments needs the Approver role.",
            body.GetProperty("detail").GetString());
        var detail = await portal.Factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/approvals/{portal.ForDenials}");
        Assert.Equal("awaitingApproval", detail.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(0, detail.GetProperty("decisions").GetArrayLength());
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    public async Task Decide_WithoutToken_401(string decision)
    {
        using var client = portal.Factory.CreateAnonymousClient();
        var response = await client.SendAsync(Request(HttpMethod.Post, $"/api/approvals/{portal.ForDenials}/{decision}", """{"comment":"x"}""", token: null));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_AnotherApprover_200_AndTheChangeIsQueued()
    {
        using var client = portal.Factory.CreateAnonymousClient();
        var response = await client.SendAsync(Request(HttpMethod.Post, $"/api/approvals/{portal.ForApproval}/approve", null, portal.Tokens["approver"]));

        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        Assert.Equal("approved", body.GetProperty("request").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("request").GetProperty("executionJobId").ValueKind);
        var audit = await portal.Factory.AuditAsync("approval.approve");
        Assert.Contains(audit, e => e.Target == $"approval/{portal.ForApproval}" && e.Actor == "approver");
    }

    [Fact]
    public async Task Reject_AnotherApprover_200_AndTheRequestIsClosed()
    {
        using var client = portal.Factory.CreateAnonymousClient();
        var response = await client.SendAsync(Request(HttpMethod.Post, $"/api/approvals/{portal.ForRejection}/reject", """{"comment":"Not this week."}""", portal.Tokens["approver2"]));

        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        Assert.Equal("rejected", body.GetProperty("request").GetProperty("status").GetString());
        var audit = await portal.Factory.AuditAsync("approval.reject");
        Assert.Contains(audit, e => e.Target == $"approval/{portal.ForRejection}" && e.Actor == "approver2");
    }

    [Fact]
    public async Task Reject_AnotherApproverWithoutAComment_400NamingIt_ButANotEligibleUser_403()
    {
        using var client = portal.Factory.CreateAnonymousClient();

        var approver = await client.SendAsync(Request(HttpMethod.Post, $"/api/approvals/{portal.ForDenials}/reject", null, portal.Tokens["approver2"]));
        var viewer = await client.SendAsync(Request(HttpMethod.Post, $"/api/approvals/{portal.ForDenials}/reject", null, portal.Tokens["viewer"]));

        Assert.Contains("Say why", await approver.AssertFieldErrorAsync("comment"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string? body, string? token)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>
    /// One portal at sandbox speed 50 with the production environment <c>prod-roles</c> and three release requests on it,
    /// all asked for (and planned) by <c>dual</c>, a user holding Operator and Approver; a token for each user.
    /// </summary>
    public sealed class Portal : IAsyncLifetime
    {
        private static readonly TimeSpan s_jobTimeout = TimeSpan.FromMinutes(2);

        public PortalWebFactory Factory { get; } = new(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });

        public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

        public long ForDenials { get; private set; }

        public long ForApproval { get; private set; }

        public long ForRejection { get; private set; }

        public async Task InitializeAsync()
        {
            using var admin = Factory.CreateClient();
            var created = await admin.PostJsonAsync("/api/environments", """{"name":"prod-roles","template":"eks-environment","class":"production"}""");
            Assert.Equal("succeeded", (await admin.WaitForJobAsync(await created.AcceptedJobIdAsync(), s_jobTimeout)).GetProperty("state").GetString());

            var accounts = Factory.Services.GetRequiredService<IAccountService>();
            var added = await accounts.AddAsync("dual", "dual-user-password-1", PortalRoles.Operator | PortalRoles.Approver, AccessTestData.Actor(PortalRoles.Admin));
            Assert.True(added.Succeeded, added.Message);
            var tokens = Factory.Services.GetRequiredService<IApiTokenService>();
            foreach (var (user, roles) in new[]
            {
                ("viewer", PortalRoles.Viewer), ("operator", PortalRoles.Operator), ("approver", PortalRoles.Approver),
                ("approver2", PortalRoles.Approver), ("admin", PortalRoles.Admin), ("dual", PortalRoles.Operator | PortalRoles.Approver),
            })
            {
                var token = await tokens.CreateAsync("approval-role-tests", null, new ActorContext(user, "10.1.2.3") { Roles = roles });
                Assert.True(token.Result.Succeeded, $"{user}: {token.Result.Message}");
                Tokens[user] = token.Token!;
            }

            using var dual = Factory.CreateAnonymousClient();
            dual.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens["dual"]);
            ForDenials = await RequestReleaseAsync(dual, admin, "nginx:1.29");
            ForApproval = await RequestReleaseAsync(dual, admin, "nginx:1.30");
            ForRejection = await RequestReleaseAsync(dual, admin, "nginx:1.31");
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();

        private static async Task<long> RequestReleaseAsync(HttpClient requester, HttpClient admin, string image)
        {
            var response = await requester.PostJsonAsync("/api/environments/prod-roles/releases", $$"""{"workload":"web","image":"{{image}}"}""");
            var body = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {body}");
            Assert.Equal("awaitingApproval", body.GetProperty("status").GetString());
            Assert.Equal("succeeded", (await admin.WaitForJobAsync(body.GetProperty("planJobId").GetInt64(), s_jobTimeout)).GetProperty("state").GetString());
            var id = body.GetProperty("approvalRequestId").GetInt64();
            var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/approvals/{id}");
            Assert.Equal(("awaitingApproval", "dual"), (detail.GetProperty("summary").GetProperty("status").GetString(), detail.GetProperty("summary").GetProperty("requestedBy").GetString()));
            return id;
        }
    }
}
