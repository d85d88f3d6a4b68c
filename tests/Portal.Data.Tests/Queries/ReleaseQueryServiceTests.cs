using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Data.Tests.Infrastructure;

namespace Portal.Data.Tests.Queries;

public sealed class ReleaseQueryServiceTests
{
    [Theory]
    [InlineData(ReleaseStatus.Queued, JobState.Cancelled, ReleaseStatus.Cancelled, "cancelled")]
    [InlineData(ReleaseStatus.RollingOut, JobState.Interrupted, ReleaseStatus.Failed, "interrupted")]
    [InlineData(ReleaseStatus.Queued, JobState.Failed, ReleaseStatus.Failed, "failed before")]
    [InlineData(ReleaseStatus.Queued, JobState.Queued, ReleaseStatus.Queued, null)]
    [InlineData(ReleaseStatus.RollingOut, JobState.Running, ReleaseStatus.RollingOut, null)]
    [InlineData(ReleaseStatus.Succeeded, JobState.Succeeded, ReleaseStatus.Succeeded, null)]
    public async Task Get_ReleaseWhoseJobEndedWithoutFinishingIt_IsReadAsItsJobLeftIt(ReleaseStatus recorded, JobState jobState, ReleaseStatus expected, string? messagePart)
    {
        await using var database = await TestDatabase.CreateAsync();
        long releaseId;
        await using (var db = await database.CreateContextAsync())
        {
            var environment = new EnvironmentRecord
            {
                Name = "dev-1", StackName = "dev-1", TemplateName = "eks-environment", Class = EnvironmentClass.Development,
                Status = EnvironmentStatus.Ready, CreatedBy = "alice",
            };
            db.Environments.Add(environment);
            await db.SaveChangesAsync();
            var job = new Job { Kind = "release.deploy", Title = "Release", EnvironmentId = environment.Id, State = jobState, RequestedBy = "alice" };
            db.Jobs.Add(job);
            await db.SaveChangesAsync();
            var release = new ReleaseRecord
            {
                EnvironmentId = environment.Id, Workload = "web", Strategy = "patch", ImageAfter = "nginx:1.28", JobId = job.Id, Status = recorded, RequestedBy = "alice",
            };
            db.Releases.Add(release);
            await db.SaveChangesAsync();
            releaseId = release.Id;
        }

        var queries = database.Services.GetRequiredService<IReleaseQueryService>();
        var read = await queries.GetAsync(releaseId);
        var listed = Assert.Single((await queries.ListAsync(new ReleaseFilter("dev-1"), 0, 10)).Items);

        Assert.Equal(expected, read!.Status);
        Assert.Equal(expected, listed.Status);
        Assert.Equal(expected, Assert.Single(await queries.GetLatestPerWorkloadAsync("dev-1")).Status);
        if (messagePart is null)
        {
            Assert.Null(read.VerdictMessage);
        }
        else
        {
            Assert.Contains(messagePart, read.VerdictMessage, StringComparison.Ordinal);
        }
    }
}
