namespace Portal.Data.Queries;

public interface IEnvironmentQueryService
{
    /// <summary>Live (not archived) environments whose name contains <paramref name="search"/>, by name.</summary>
    Task<PagedResult<EnvironmentSummary>> ListAsync(string? search, int skip, int take, CancellationToken cancellationToken = default);
}
