using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Data.Tests.Infrastructure;

namespace Portal.Data.Tests.Queries;

public sealed class EnvironmentQueryServiceTests
{
    [Fact]
    public async Task ListAsync_FiltersByNameClassAndStatus_AndCarriesTheLatestJob()
    {
        await using var database = await TestDatabase.CreateAsync();
        long devId;
        await using (var db = await database.CreateContextAsync())
        {
            var dev = Environment("dev-1", EnvironmentClass.Development, EnvironmentStatus.Ready);
            db.Environments.AddRange(
                dev,
                Environment("staging", EnvironmentClass.Staging, EnvironmentStatus.Failed),
                Environment("dev-2", EnvironmentClass.Development, EnvironmentStatus.Provisioning),
                Environment("old", EnvironmentClass.Development, EnvironmentStatus.Destroyed, archived: true));
            await db.SaveChangesAsync();
            devId = dev.Id;
            db.Jobs.AddRange(
                new Job { Kind = "environment.provision", Title = "Provision dev-1", EnvironmentId = devId, State = JobState.Succeeded, RequestedBy = "alice" },
                new Job { Kind = "environment.drift-check", Title = "Drift check dev-1", EnvironmentId = devId, State = JobState.Queued, RequestedBy = "bob" });
            await db.SaveChangesAsync();
        }

        var queries = database.Services.GetRequiredService<IEnvironmentQueryService>();

        var all = await queries.ListAsync(new EnvironmentFilter(), 0, 10);
        Assert.Equal(["dev-1", "dev-2", "staging"], all.Items.Select(e => e.Name));
        Assert.Equal(3, all.TotalCount);
        var first = all.Items[0];
        Assert.Equal("Drift check dev-1", first.LastOperation?.Title);
        Assert.Equal(JobState.Queued, first.LastOperation?.State);
        Assert.Null(all.Items[1].LastOperation);

        Assert.Equal(["dev-1", "dev-2"], (await queries.ListAsync(new EnvironmentFilter { Search = "dev" }, 0, 10)).Items.Select(e => e.Name));
        Assert.Equal(["staging"], (await queries.ListAsync(new EnvironmentFilter { Class = EnvironmentClass.Staging }, 0, 10)).Items.Select(e => e.Name));
        Assert.Equal(["dev-2"], (await queries.ListAsync(new EnvironmentFilter { Status = EnvironmentStatus.Provisioning }, 0, 10)).Items.Select(e => e.Name));
        Assert.Equal(["dev-2"], (await queries.ListAsync(new EnvironmentFilter(), 1, 1)).Items.Select(e => e.Name));

        Assert.Equal(devId, (await queries.FindAsync("dev-1"))?.Id);
        Assert.Null(await queries.FindAsync("old"));
        Assert.Equal("environment.drift-check", (await queries.GetLastOperationAsync(devId))?.Kind);
    }

    private static EnvironmentRecord Environment(string name, EnvironmentClass environmentClass, EnvironmentStatus status, bool archived = false) => new()
    {
        Name = name,
        StackName = name,
        TemplateName = "eks-environment",
        Class = environmentClass,
        Status = status,
        CreatedBy = "alice",
        ArchivedAt = archived ? DateTimeOffset.UtcNow : null,
    };
}
