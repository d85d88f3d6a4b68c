using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Provisioning.Access;
using Portal.Provisioning.Environments;

namespace Portal.Web.Tests.Access;

/// <summary>Environments written straight to the database (no stack behind them: only the role checks are under test) and tokens per role.</summary>
internal static class AccessTestData
{
    public static async Task InsertEnvironmentAsync(this PortalWebFactory factory, string name, EnvironmentClass environmentClass)
    {
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var context = await contexts.CreateDbContextAsync();
        context.Environments.Add(new EnvironmentRecord
        {
            Name = name,
            StackName = name,
            TemplateName = "eks-environment",
            Class = environmentClass,
            Status = EnvironmentStatus.Ready,
            CreatedBy = "test",
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        });
        await context.SaveChangesAsync();
    }

    /// <summary>A request (made by alice) on the environment, in <paramref name="status"/>, written straight to the database; returns its id.</summary>
    public static async Task<long> InsertApprovalRequestAsync(this PortalWebFactory factory, string environment, ApprovalStatus status)
    {
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var context = await contexts.CreateDbContextAsync();
        var environmentId = await context.Environments.Where(e => e.Name == environment).Select(e => e.Id).SingleAsync();
        var request = new ApprovalRequest
        {
            EnvironmentId = environmentId,
            Operation = "update",
            JobKind = "environment.update",
            JobTitle = $"Update {environment}",
            RequestedBy = "alice",
            RequestedAt = DateTimeOffset.UtcNow,
            Status = status,
            PlanHash = new string('a', 64),
            ExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
            RequiredApprovals = 1,
        };
        context.ApprovalRequests.Add(request);
        await context.SaveChangesAsync();
        return request.Id;
    }

    /// <summary>The sandbox demo user of <paramref name="role"/> (viewer, operator, approver, admin) as the services see it.</summary>
    public static ActorContext Actor(PortalRoles role) => new(role.ToString().ToLowerInvariant(), "10.1.2.3") { Roles = role };

    /// <summary>An API token of the sandbox demo user of <paramref name="role"/>.</summary>
    public static async Task<string> TokenAsync(this PortalWebFactory factory, PortalRoles role)
    {
        var created = await factory.Services.GetRequiredService<IApiTokenService>().CreateAsync($"test-{role}", null, Actor(role));
        Assert.True(created.Result.Succeeded, created.Result.Message);
        return created.Token!;
    }

    public static async Task<List<AuditEntry>> AuditAsync(this PortalWebFactory factory, string action)
    {
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var context = await contexts.CreateDbContextAsync();
        return await context.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Sequence).ToListAsync();
    }
}
