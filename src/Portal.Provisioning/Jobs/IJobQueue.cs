using Portal.Data;

namespace Portal.Provisioning.Jobs;

/// <summary>The durable job queue: enqueue and cancel. Workers run the jobs.</summary>
public interface IJobQueue
{
    /// <summary>
    /// Queues a job and its audit entry in one transaction and wakes a worker. <paramref name="alongside"/> may add
    /// more changes to the same transaction (the environment row a create makes, for example); they commit or fail together.
    /// It returns the id of the environment the job belongs to when it created that row itself (null keeps
    /// <see cref="JobRequest.EnvironmentId"/>).
    /// </summary>
    Task<long> EnqueueAsync(JobRequest request, Func<PortalDbContext, CancellationToken, Task<long?>>? alongside = null, CancellationToken cancellationToken = default);

    /// <summary>Cancels a queued job at once; asks a running one to stop; a second call forces it.</summary>
    Task<CancelOutcome> CancelAsync(long jobId, string actor, string? remoteAddress = null, CancellationToken cancellationToken = default);
}
