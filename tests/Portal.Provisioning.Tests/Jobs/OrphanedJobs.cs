using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Provisioning.Tests.Jobs;

/// <summary>Writes the row a worker leaves behind when its process dies mid-job: Running, with its lease.</summary>
public static class OrphanedJobs
{
    public const string ForeignOwner = "gone-host/4242/deadbeef";

    public static async Task<long> InsertRunningAsync(PortalDbContext db, string kind, DateTimeOffset leaseExpiresAt, string owner = ForeignOwner)
    {
        var now = DateTimeOffset.UtcNow;
        var job = new Job
        {
            Kind = kind,
            Title = "Left running by a dead worker",
            State = JobState.Running,
            RequestedBy = "alice",
            CreatedAt = now.AddMinutes(-1),
            StartedAt = now.AddSeconds(-30),
            Attempt = 1,
            LeaseOwner = owner,
            LeaseExpiresAt = leaseExpiresAt,
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync();
        return job.Id;
    }
}
