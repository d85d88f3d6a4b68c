namespace Portal.Data.Queries;

public interface IReleaseQueryService
{
    /// <summary>Releases matching the filter, newest first.</summary>
    Task<PagedResult<ReleaseSummary>> ListAsync(ReleaseFilter filter, int skip, int take, CancellationToken cancellationToken = default);

    Task<ReleaseSummary?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The release a job finishes, or null when the job is not a release.</summary>
    Task<ReleaseSummary?> GetByJobAsync(long jobId, CancellationToken cancellationToken = default);

    /// <summary>Each workload's newest release in the environment (at most one per workload).</summary>
    Task<IReadOnlyList<ReleaseSummary>> GetLatestPerWorkloadAsync(string environmentName, CancellationToken cancellationToken = default);
}
