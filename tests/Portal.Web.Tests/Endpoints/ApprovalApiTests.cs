using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Access;
using Portal.Provisioning.Approvals;
using Portal.Web.Tests.Access;

namespace Portal.Web.Tests.Endpoints;

/// <summary>
/// <c>/api/approvals</c> and the 202 of a change to a protected environment, called with the bootstrap token (an Admin
/// named "bootstrap", who is then the requester); the role matrix is tested through the service (ApprovalServiceTests).
/// </summary>
public sealed class ApprovalApiTests
{
    private static readonly TimeSpan s_jobTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task PatchAndDelete_ProductionEnvironment_Answer202WithTheApprovalRequest_WhichTheApiListsShowsAndGuards()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });
        using var client = factory.CreateClient();
        var created = await client.PostJsonAsync("/api/environments", """{"name":"prod-api","template":"eks-environment","class":"production"}""");
        Assert.Equal("succeeded", (await client.WaitForJobAsync(await created.AcceptedJobIdAsync(), s_jobTimeout)).GetProperty("state").GetString());

        var patch = await client.PatchJsonAsync("/api/environments/prod-api", """{"parameters":{"nodeCount":3}}""");
        var accepted = await patch.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        Assert.Equal("awaitingApproval", accepted.GetProperty("status").GetString());
        var id = accepted.GetProperty("approvalRequestId").GetInt64();
        Assert.Equal($"/api/approvals/{id}", patch.Headers.Location!.ToString());
        Assert.Equal("succeeded", (await client.WaitForJobAsync(accepted.GetProperty("planJobId").GetInt64(), s_jobTimeout)).GetProperty("state").GetString());

        var list = await client.GetFromJsonAsync<JsonElement>("/api/approvals?status=awaiting&environment=prod-api");
        Assert.Equal(1, list.GetProperty("totalCount").GetInt32());
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/approvals/{id}");
        Assert.Equal(("awaitingApproval", "bootstrap", "update"), (detail.GetProperty("summary").GetProperty("status").GetString(),
            detail.GetProperty("summary").GetProperty("requestedBy").GetString(), detail.GetProperty("summary").GetProperty("operation").GetString()));
        Assert.Contains(detail.GetProperty("plan").GetProperty("operations").EnumerateArray(), o => o.GetProperty("type").GetString() == "eks:Cluster"
            && o.GetProperty("changedKeys").EnumerateArray().Any(k => k.GetString() == "desiredCapacity"));
        Assert.Equal(64, detail.GetProperty("planHash").GetString()!.Length);

        // The caller asked for it, so the caller cannot approve or reject it; bad bodies name the field.
        var approve = await client.PostAsync($"/api/approvals/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        Assert.Contains("someone else must approve", (await approve.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/approvals/{id}/reject", null)).StatusCode);
        await (await client.PostJsonAsync($"/api/approvals/{id}/reject", """{"comment":5}""")).AssertFieldErrorAsync("comment");
        await (await client.PostJsonAsync($"/api/approvals/{id}/approve", """{"coment":"typo"}""")).AssertFieldErrorAsync("coment");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/approvals/9999/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/approvals/9999")).StatusCode);
        await (await client.GetAsync("/api/approvals?status=pending")).AssertFieldErrorAsync("status");

        // The requester withdraws it; then it takes no decisions.
        var cancel = await client.PostAsync($"/api/approvals/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.ReadJsonAsync()).GetProperty("request").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/approvals/{id}/cancel", null)).StatusCode);

        var delete = await client.DeleteAsync("/api/environments/prod-api");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        var destroyRequest = (await delete.ReadJsonAsync()).GetProperty("approvalRequestId").GetInt64();
        var approvals = factory.Services.GetRequiredService<IApprovalService>();
        Assert.Equal("destroy", (await approvals.GetAsync(destroyRequest))!.Summary.Operation);
        var environment = await client.GetFromJsonAsync<JsonElement>("/api/environments/prod-api");
        Assert.Equal("ready", environment.GetProperty("status").GetString());
    }

    [Fact]
    public async Task BreakGlass_BadBodiesNameTheField_OthersAre403_TheAdminApprovesAlone_AndASecondIs409()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });
        using var client = factory.CreateClient();
        var created = await client.PostJsonAsync("/api/environments", """{"name":"prod-bg-api","template":"eks-environment","class":"production"}""");
        Assert.Equal("succeeded", (await client.WaitForJobAsync(await created.AcceptedJobIdAsync(), s_jobTimeout)).GetProperty("state").GetString());
        var patch = await (await client.PatchJsonAsync("/api/environments/prod-bg-api", """{"parameters":{"appReplicas":3}}""")).ReadJsonAsync();
        var id = patch.GetProperty("approvalRequestId").GetInt64();
        Assert.Equal("succeeded", (await client.WaitForJobAsync(patch.GetProperty("planJobId").GetInt64(), s_jobTimeout)).GetProperty("state").GetString());
        var url = $"/api/approvals/{id}/break-glass";

        // Bad bodies: 400 naming the field, nothing decided.
        Assert.Contains("at least 20", await (await client.PostAsync(url, null)).AssertFieldErrorAsync("reason"), StringComparison.Ordinal);
        Assert.Contains("at least 20", await (await client.PostJsonAsync(url, """{"reason":"  too short  "}""")).AssertFieldErrorAsync("reason"), StringComparison.Ordinal);
        await (await client.PostJsonAsync(url, """{"reason":42}""")).AssertFieldErrorAsync("reason");
        await (await client.PostJsonAsync(url, """{"reason":"The approver is unreachable during incident 42.","force":true}""")).AssertFieldErrorAsync("force");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync(url, "[]")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync(url, "{")).StatusCode);
        var approvals = factory.Services.GetRequiredService<IApprovalService>();
        Assert.Equal(Portal.Data.Entities.ApprovalStatus.AwaitingApproval, (await approvals.GetAsync(id))!.Summary.Status);

        // An Approver (who could approve normally) or an Operator may not break glass.
        using var other = factory.CreateClient();
        foreach (var role in new[] { PortalRoles.Approver, PortalRoles.Operator })
        {
            other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await factory.TokenAsync(role));
            var forbidden = await other.PostJsonAsync(url, """{"reason":"The approver is unreachable during incident 42."}""");
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Contains("needs the Admin role", (await forbidden.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // The bootstrap admin asked for the change, and may still break glass: the request is approved and runs once.
        var broken = await client.PostJsonAsync(url, """{"reason":"  The approver is unreachable during incident 42.  "}""");
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        var request = (await broken.ReadJsonAsync()).GetProperty("request");
        Assert.Equal(("approved", true), (request.GetProperty("status").GetString(), request.GetProperty("breakGlass").GetBoolean()));
        Assert.Equal("succeeded", (await client.WaitForJobAsync(request.GetProperty("executionJobId").GetInt64(), s_jobTimeout)).GetProperty("state").GetString());
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/approvals/{id}");
        Assert.Equal("consumed", detail.GetProperty("summary").GetProperty("status").GetString());
        var decision = Assert.Single(detail.GetProperty("decisions").EnumerateArray().ToList());
        Assert.Equal(("bootstrap", true, true, "The approver is unreachable during incident 42."), (decision.GetProperty("user").GetString(),
            decision.GetProperty("breakGlass").GetBoolean(), decision.GetProperty("byRequester").GetBoolean(), decision.GetProperty("comment").GetString()));

        var again = await client.PostJsonAsync(url, """{"reason":"The approver is unreachable during incident 42."}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("only a request awaiting approval", (await again.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJsonAsync("/api/approvals/9999/break-glass", """{"reason":"The approver is unreachable during incident 42."}""")).StatusCode);
    }
}
