using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Approvals;

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
}
