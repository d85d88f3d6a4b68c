using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;

namespace Portal.Data.Queries;

public sealed class JobQueryService(IDbContextFactory<PortalDbContext> contextFactory) : IJobQueryService
{
    public const int MaxPageSize = 500;

    public async Task<PagedResult<JobSummary>> ListAsync(JobFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        take = Math.Min(take, MaxPageSize);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = context.Jobs.AsNoTracking();
        if (filter.State is { } state)
        {
            query = query.Where(j => j.State == state);
        }

        if (!string.IsNullOrWhiteSpace(filter.EnvironmentName))
        {
            query = query.Where(j => j.Environment != null && j.Environment.Name == filter.EnvironmentName);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(j => j.Id).Skip(skip).Take(take)
            .Select(j => new JobSummary(j.Id, j.Kind, j.Title, j.Environment == null ? null : j.Environment.Name, j.State, j.RequestedBy,
                j.CreatedAt, j.StartedAt, j.FinishedAt, j.Attempt, j.Error))
            .ToListAsync(cancellationToken);
        return new PagedResult<JobSummary>(items, total);
    }

    public async Task<Job?> GetAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Jobs.AsNoTracking().Include(j => j.Environment).FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
    }

    public async Task<IReadOnlyList<JobEvent>> GetEventsAsync(long jobId, int afterSequence, int take, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.JobEvents.AsNoTracking()
            .Where(e => e.JobId == jobId && e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<JobEvent>> GetLastEventsAsync(long jobId, int take, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var newestFirst = await context.JobEvents.AsNoTracking()
            .Where(e => e.JobId == jobId)
            .OrderByDescending(e => e.Sequence).Take(take).ToListAsync(cancellationToken);
        newestFirst.Reverse();
        return newestFirst;
    }

    public async Task<int?> GetQueuePositionAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = await context.Jobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => new { j.State, j.EnvironmentId }).FirstOrDefaultAsync(cancellationToken);
        if (job is null || job.State != JobState.Queued)
        {
            return null;
        }

        var ahead = await context.Jobs.AsNoTracking()
            .CountAsync(j => j.State == JobState.Queued && j.EnvironmentId == job.EnvironmentId && j.Id < jobId, cancellationToken);
        return ahead + 1;
    }

    public async Task<IReadOnlyList<string>> ListEnvironmentNamesAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Environments.AsNoTracking().Select(e => e.Name).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
    }
}
