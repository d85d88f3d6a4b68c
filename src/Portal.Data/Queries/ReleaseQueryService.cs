using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;

namespace Portal.Data.Queries;

public sealed class ReleaseQueryService(IDbContextFactory<PortalDbContext> contextFactory) : IReleaseQueryService
{
    public const int MaxPageSize = 200;

    private static readonly Expression<Func<ReleaseRecord, ReleaseSummary>> s_toSummary = r => new ReleaseSummary(
        r.Id, r.Environment!.Name, r.Workload, r.Kind, r.Strategy, r.ImageBefore, r.ImageAfter, r.RollbackOfReleaseId, r.Status,
        r.VerdictMessage, r.RequestedBy, r.RequestedAt, r.StartedAt, r.FinishedAt, r.JobId, r.ConfigJson);

    public async Task<PagedResult<ReleaseSummary>> ListAsync(ReleaseFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        take = Math.Min(take, MaxPageSize);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = context.Releases.AsNoTracking().Where(r => r.Environment!.Name == filter.EnvironmentName);
        if (!string.IsNullOrWhiteSpace(filter.Workload))
        {
            query = query.Where(r => r.Workload == filter.Workload);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(r => r.Id).Skip(skip).Take(take).Select(s_toSummary).ToListAsync(cancellationToken);
        return new PagedResult<ReleaseSummary>(items, total);
    }

    public async Task<ReleaseSummary?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Releases.AsNoTracking().Where(r => r.Id == id).Select(s_toSummary).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<ReleaseSummary?> GetByJobAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Releases.AsNoTracking().Where(r => r.JobId == jobId).Select(s_toSummary).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReleaseSummary>> GetLatestPerWorkloadAsync(string environmentName, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Environments have a handful of workloads: the newest id per workload, then those rows.
        var newest = await context.Releases.AsNoTracking()
            .Where(r => r.Environment!.Name == environmentName && r.Environment.ArchivedAt == null)
            .GroupBy(r => r.Workload).Select(g => g.Max(r => r.Id)).ToListAsync(cancellationToken);
        return await context.Releases.AsNoTracking().Where(r => newest.Contains(r.Id)).OrderBy(r => r.Workload).Select(s_toSummary).ToListAsync(cancellationToken);
    }
}
