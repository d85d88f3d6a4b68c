using Portal.Data.Entities;

namespace Portal.Data.Queries;

public interface IEnvironmentQueryService
{
    /// <summary>Live (not archived) environments matching the filter, by name.</summary>
    Task<PagedResult<EnvironmentSummary>> ListAsync(EnvironmentFilter filter, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The live environment of that name, or null.</summary>
    Task<EnvironmentRecord?> FindAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The environment's most recent job, or null.</summary>
    Task<LastOperation?> GetLastOperationAsync(long environmentId, CancellationToken cancellationToken = default);
}
