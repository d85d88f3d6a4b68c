using Portal.Data.Entities;

namespace Portal.Data.Queries;

public interface IJobQueryService
{
    /// <summary>Jobs matching the filter, newest first.</summary>
    Task<PagedResult<JobSummary>> ListAsync(JobFilter filter, int skip, int take, CancellationToken cancellationToken = default);

    Task<Job?> GetAsync(long jobId, CancellationToken cancellationToken = default);

    /// <summary>Events after <paramref name="afterSequence"/>, oldest first, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<JobEvent>> GetEventsAsync(long jobId, int afterSequence, int take, CancellationToken cancellationToken = default);

    /// <summary>The last <paramref name="take"/> events, oldest first: the tail a log view starts from.</summary>
    Task<IReadOnlyList<JobEvent>> GetLastEventsAsync(long jobId, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// 1 for the next job to run of its environment, 2 for the one after, and so on; null when the job is not queued.
    /// Jobs without an environment share one line.
    /// </summary>
    Task<int?> GetQueuePositionAsync(long jobId, CancellationToken cancellationToken = default);

    /// <summary>Names of every environment, archived ones included (their jobs stay listed), for the filter's drop-down.</summary>
    Task<IReadOnlyList<string>> ListEnvironmentNamesAsync(CancellationToken cancellationToken = default);
}
