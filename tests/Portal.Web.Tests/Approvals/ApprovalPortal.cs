using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Provisioning.Access;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Environments;
using Portal.Web.Tests.Endpoints;

namespace Portal.Web.Tests.Approvals;

/// <summary>
/// One portal (sandbox cloud, real SQLite) shared by the approval tests: production protected as appsettings.json says
/// (1 approval from an Approver), staging configured here as 2 approvals from Approver or Admin and no break-glass;
/// a shifted clock.
/// </summary>
public sealed class ApprovalPortal : IAsyncLifetime
{
    public static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);

    public static readonly ActorContext Alice = new("alice", "10.0.0.7") { Roles = PortalRoles.Operator | PortalRoles.Approver };

    public static readonly ActorContext Bob = new("bob", "10.0.0.8") { Roles = PortalRoles.Viewer | PortalRoles.Operator };

    public static readonly ActorContext Carol = new("carol", "10.0.0.9") { Roles = PortalRoles.Approver };

    public static readonly ActorContext Dave = new("dave", "10.0.0.10") { Roles = PortalRoles.Admin };

    private readonly PortalWebFactory _root = new(new Dictionary<string, string?>
    {
        ["Sandbox:Speed"] = "50",
        ["Approvals:Classes:staging:RequiredApprovals"] = "2",
        ["Approvals:Classes:staging:EligibleRoles:0"] = "Approver",
        ["Approvals:Classes:staging:EligibleRoles:1"] = "Admin",
        ["Approvals:Classes:staging:AllowBreakGlass"] = "false",
        // The sweep runs once at startup and then only when a test calls it: a test that counts writes is not raced.
        ["Approvals:ExpirySweepInterval"] = "10.00:00:00",
    });

    private WebApplicationFactory<Program> _factory = null!;

    public ShiftedClock Clock { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    public IApprovalService Approvals => Services.GetRequiredService<IApprovalService>();

    public IEnvironmentService Environments => Services.GetRequiredService<IEnvironmentService>();

    public Task InitializeAsync()
    {
        _factory = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
        Client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await _root.DisposeAsync();
    }

    /// <summary>Creates an environment (creation is never gated; production needs an Admin) and waits until it is provisioned.</summary>
    public async Task CreateAsync(string name, EnvironmentClass environmentClass)
    {
        var created = await Environments.CreateAsync(new CreateEnvironmentCommand(name, "eks-environment", environmentClass, new Dictionary<string, JsonElement>()), Dave);
        Assert.True(created.Status == EnvironmentCommandStatus.Accepted,
            $"{created.Status}: {created.Message} {string.Join("; ", created.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        await WaitForJobAsync(created.JobId!.Value, "succeeded");
    }

    public async Task<JsonElement> WaitForJobAsync(long jobId, string expectedState)
    {
        var job = await Client.WaitForJobAsync(jobId, JobTimeout);
        Assert.True(job.GetProperty("state").GetString() == expectedState, $"job {jobId}: expected {expectedState}, got {job}");
        return job;
    }

    /// <summary>Asks for a settings change as <paramref name="actor"/>; returns the request once it is planned.</summary>
    public async Task<ApprovalDetail> RequestUpdateAsync(string environment, string parametersJson, ActorContext actor)
    {
        var result = await Environments.UpdateAsync(environment, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(parametersJson)!, actor);
        return await PlannedAsync(result);
    }

    public async Task<ApprovalDetail> PlannedAsync(EnvironmentCommandResult result)
    {
        Assert.True(result.Status == EnvironmentCommandStatus.AwaitingApproval, $"{result.Status}: {result.Message}");
        await WaitForJobAsync(result.JobId!.Value, "succeeded");
        var detail = await Approvals.GetAsync(result.ApprovalRequestId!.Value);
        Assert.NotNull(detail);
        Assert.Equal(ApprovalStatus.AwaitingApproval, detail.Summary.Status);
        Assert.Equal(result.JobId, detail.Summary.PlanJobId);
        return detail;
    }

    public async Task<JsonElement> EnvironmentAsync(string name) =>
        JsonDocument.Parse(await Client.GetStringAsync($"/api/environments/{name}")).RootElement.Clone();

    public async Task<List<JsonElement>> AuditAsync(string action) =>
        [.. JsonDocument.Parse(await Client.GetStringAsync($"/api/audit?action={action}&take=200")).RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())];

    /// <summary>
    /// An environment (no stack behind it) and a request on it in <paramref name="status"/>, written straight to the
    /// database: the state checks are under test, not the plan.
    /// </summary>
    public async Task<(long RequestId, long EnvironmentId)> InsertRequestAsync(
        string environment, EnvironmentClass environmentClass, ApprovalStatus status, TimeSpan? expiresIn = null)
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var context = await contexts.CreateDbContextAsync();
        var now = Clock.GetUtcNow();
        var record = new EnvironmentRecord
        {
            Name = environment,
            StackName = environment,
            TemplateName = "eks-environment",
            Class = environmentClass,
            Status = EnvironmentStatus.Ready,
            CreatedBy = "test",
            CreatedAt = now,
            UpdatedAt = now,
        };
        context.Environments.Add(record);
        await context.SaveChangesAsync();
        var request = new ApprovalRequest
        {
            EnvironmentId = record.Id,
            Operation = "update",
            JobKind = "environment.update",
            JobTitle = $"Update {environment}",
            RequestedBy = "alice",
            RequestedAt = now,
            Status = status,
            PlanJson = status == ApprovalStatus.Planning ? null : """{"operations":[],"parameterChanges":[],"images":[],"changeSummary":{}}""",
            PlanHash = status == ApprovalStatus.Planning ? null : new string('a', 64),
            ExpiresAt = now + (expiresIn ?? TimeSpan.FromHours(1)),
            RequiredApprovals = 1,
        };
        context.ApprovalRequests.Add(request);
        await context.SaveChangesAsync();
        return (request.Id, record.Id);
    }
}
