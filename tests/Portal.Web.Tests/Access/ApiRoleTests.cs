using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Portal.Data.Entities;
using Portal.Provisioning.Access;

namespace Portal.Web.Tests.Access;

/// <summary>
/// Every <c>/api</c> endpoint with a token of each role: 401 without a token, 403 when the role may not, anything but
/// 401/403 when it may (the bodies are chosen so allowed calls stop at validation or a missing object where they can).
/// </summary>
public sealed class ApiRoleTests(ServicePermissionTests.Portal portal) : IClassFixture<ServicePermissionTests.Portal>
{
    private const string All = "Viewer,Operator,Approver,Admin";
    private const string Operators = "Operator,Admin";

    public static TheoryData<string, string, string, string?> Endpoints() => new()
    {
        // method, path ({env}: a development environment, {prod}: a production one), who may, body
        { "GET", "/api/templates", All, null },
        { "GET", "/api/environments", All, null },
        { "GET", "/api/environments/{env}", All, null },
        { "POST", "/api/environments", Operators, """{"name":"Bad_Name","template":"eks-environment","class":"development"}""" },
        { "POST", "/api/environments", "Admin", """{"name":"Bad_Name","template":"eks-environment","class":"production"}""" },
        { "PATCH", "/api/environments/{env}", Operators, """{"parameters":{"noSuchParameter":1}}""" },
        { "DELETE", "/api/environments/{env}", Operators, null },
        { "DELETE", "/api/environments/{prod}", "Admin", null },
        { "POST", "/api/environments/{env}/drift-check", Operators, null },
        { "POST", "/api/environments/{env}/unlock", Operators, null },
        { "POST", "/api/environments/{env}/clear-pending", Operators, null },
        { "POST", "/api/environments/{env}/jobs/999999/retry", Operators, null },
        { "GET", "/api/jobs/999999", All, null },
        { "POST", "/api/jobs/999999/cancel", Operators, null },
        { "GET", "/api/jobs/999999/log", All, null },
        { "GET", "/api/environments/{env}/workloads", All, null },
        { "POST", "/api/environments/{env}/releases", Operators, """{"workload":"web","image":"nginx:1.29"}""" },
        { "POST", "/api/environments/{prod}/releases", Operators, """{"workload":"web","image":"nginx:1.29"}""" },
        { "POST", "/api/environments/{env}/releases/preview", Operators, """{"workload":"web","image":"nginx:1.29"}""" },
        { "GET", "/api/environments/{env}/releases", All, null },
        { "GET", "/api/environments/{env}/releases/999999", All, null },
        { "POST", "/api/environments/{env}/workloads/web/rollback", Operators, null },
        { "POST", "/api/environments/{env}/workloads/web/restart", Operators, null },
        { "POST", "/api/approvals/999999/break-glass", "Admin", """{"reason":"The approver is unreachable during incident 42."}""" },
        { "GET", "/api/audit", All, null },
        { "POST", "/api/audit/verify", All, null },
        { "GET", "/api/audit/export?format=json", All, null },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryEndpoint_WithoutTokenAndWithEachRolesToken(string method, string path, string allowed, string? body)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var development = $"api-dev-{suffix}";
        var production = $"api-prod-{suffix}";
        await portal.Factory.InsertEnvironmentAsync(development, EnvironmentClass.Development);
        await portal.Factory.InsertEnvironmentAsync(production, EnvironmentClass.Production);
        var url = path.Replace("{env}", development, StringComparison.Ordinal).Replace("{prod}", production, StringComparison.Ordinal);
        using var client = portal.Factory.CreateAnonymousClient();

        var anonymous = await client.SendAsync(Request(method, url, body, token: null));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Bearer", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        foreach (var role in new[] { PortalRoles.Viewer, PortalRoles.Operator, PortalRoles.Approver, PortalRoles.Admin })
        {
            var response = await client.SendAsync(Request(method, url, body, await portal.Factory.TokenAsync(role)));
            var may = allowed.Split(',').Contains(role.ToString());
            var text = await response.Content.ReadAsStringAsync();
            if (may)
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{role} {method} {url}: {(int)response.StatusCode} {text}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} {method} {url}: expected 403, got {(int)response.StatusCode} {text}");
            }
        }
    }

    private static HttpRequestMessage Request(string method, string url, string? body, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
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
}
