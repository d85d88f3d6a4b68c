using Microsoft.EntityFrameworkCore;

namespace Portal.Data.Queries;

public sealed class EnvironmentQueryService(IDbContextFactory<PortalDbContext> contextFactory) : IEnvironmentQueryService
{
    public async Task<PagedResult<EnvironmentSummary>> ListAsync(string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = context.Environments.AsNoTracking().Where(e => e.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(e => e.Name.Contains(term));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(e => e.Name).Skip(skip).Take(Math.Min(take, 500))
            .Select(e => new EnvironmentSummary(e.Id, e.Name, e.TemplateName, e.Class, e.Status, e.CreatedAt, e.UpdatedAt, e.CreatedBy))
            .ToListAsync(cancellationToken);
        return new PagedResult<EnvironmentSummary>(items, total);
    }
}
