using Portal.Data.Entities;

namespace Portal.Data.Queries;

public interface IAuditQueryService
{
    /// <summary>Entries matching the filter, newest first.</summary>
    Task<PagedResult<AuditEntry>> QueryAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The distinct actions recorded, for the filter's drop-down.</summary>
    Task<IReadOnlyList<string>> ListActionsAsync(CancellationToken cancellationToken = default);
}
