using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;

namespace Portal.Data.Queries;

public sealed class EnvironmentQueryService(IDbContextFactory<PortalDbContext> contextFactory) : IEnvironmentQueryService
{
    public async Task<PagedResult<EnvironmentSummary>> ListAsync(EnvironmentFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = context.Environments.AsNoTracking().Where(e => e.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            query = query.Where(e => e.Name.Contains(term) || e.TemplateName.Contains(term));
        }

        if (filter.Class is { } environmentClass)
        {
            query = query.Where(e => e.Class == environmentClass);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(e => e.Status == status);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(e => e.Name).Skip(skip).Take(Math.Min(take, 500))
            .Select(e => new EnvironmentSummary(
                e.Id, e.Name, e.TemplateName, e.Class, e.Status, e.CreatedAt, e.UpdatedAt, e.CreatedBy, e.OutputsJson,
                context.Jobs.Where(j => j.EnvironmentId == e.Id).OrderByDescending(j => j.Id)
                    .Select(j => new LastOperation(j.Id, j.Kind, j.Title, j.State, j.CreatedAt, j.FinishedAt)).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new PagedResult<EnvironmentSummary>(items, total);
    }

    public async Task<EnvironmentRecord?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Environments.AsNoTracking().FirstOrDefaultAsync(e => e.Name == name && e.ArchivedAt == null, cancellationToken);
    }

    public async Task<LastOperation?> GetLastOperationAsync(long environmentId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Jobs.AsNoTracking().Where(j => j.EnvironmentId == environmentId).OrderByDescending(j => j.Id)
            .Select(j => new LastOperation(j.Id, j.Kind, j.Title, j.State, j.CreatedAt, j.FinishedAt)).FirstOrDefaultAsync(cancellationToken);
    }
}
