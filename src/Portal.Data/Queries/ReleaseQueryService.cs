using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;

namespace Portal.Data.Queries;

/// <summary>
/// Release records as their jobs last left them. A record whose job ended before the handler could finish it (cancelled
/// while queued, interrupted by a crash, refused by an approval gate) is read as Cancelled or Failed, so a stale
/// "Queued" never blocks a rollback or misleads the history.
/// </summary>
public sealed class ReleaseQueryService(IDbContextFactory<PortalDbContext> contextFactory) : IReleaseQueryService
{
    public const int MaxPageSize = 200;

    public async Task<PagedResult<ReleaseSummary>> ListAsync(ReleaseFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        take = Math.Min(take, MaxPageSize);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var releases = context.Releases.AsNoTracking().Where(r => r.Environment!.Name == filter.EnvironmentName);
        if (!string.IsNullOrWhiteSpace(filter.Workload))
        {
            releases = releases.Where(r => r.Workload == filter.Workload);
        }

        var total = await releases.CountAsync(cancellationToken);
        var rows = await WithJobState(context, releases).OrderByDescending(x => x.Release.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new PagedResult<ReleaseSummary>([.. rows.Select(ToSummary)], total);
    }

    public async Task<ReleaseSummary?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await WithJobState(context, context.Releases.AsNoTracking().Where(r => r.Id == id)).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToSummary(row);
    }

    public async Task<ReleaseSummary?> GetByJobAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await WithJobState(context, context.Releases.AsNoTracking().Where(r => r.JobId == jobId)).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToSummary(row);
    }

    public async Task<IReadOnlyList<ReleaseSummary>> GetLatestPerWorkloadAsync(string environmentName, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Environments have a handful of workloads: the newest id per workload, then those rows.
        var newest = await context.Releases.AsNoTracking()
            .Where(r => r.Environment!.Name == environmentName && r.Environment.ArchivedAt == null)
            .GroupBy(r => r.Workload).Select(g => g.Max(r => r.Id)).ToListAsync(cancellationToken);
        var rows = await WithJobState(context, context.Releases.AsNoTracking().Where(r => newest.Contains(r.Id)))
            .OrderBy(x => x.Release.Workload).ToListAsync(cancellationToken);
        return [.. rows.Select(ToSummary)];
    }

    private static IQueryable<ReleaseRow> WithJobState(PortalDbContext context, IQueryable<ReleaseRecord> releases) =>
        from release in releases
        join job in context.Jobs on release.JobId equals job.Id
        select new ReleaseRow { Release = release, EnvironmentName = release.Environment!.Name, JobState = job.State };

    private static ReleaseSummary ToSummary(ReleaseRow row)
    {
        var r = row.Release;
        var (status, message) = (r.Status, row.JobState) switch
        {
            (ReleaseStatus.Queued or ReleaseStatus.RollingOut, JobState.Cancelled) =>
                (ReleaseStatus.Cancelled, r.VerdictMessage ?? "Its job was cancelled before the release finished."),
            (ReleaseStatus.Queued or ReleaseStatus.RollingOut, JobState.Interrupted) =>
                (ReleaseStatus.Failed, r.VerdictMessage ?? "Its job was interrupted (the portal stopped) before the release finished; check the workload and release again."),
            (ReleaseStatus.Queued or ReleaseStatus.RollingOut, JobState.Failed) =>
                (ReleaseStatus.Failed, r.VerdictMessage ?? "Its job failed before the release started."),
            _ => (r.Status, r.VerdictMessage),
        };
        return new ReleaseSummary(r.Id, row.EnvironmentName, r.Workload, r.Kind, r.Strategy, r.ImageBefore, r.ImageAfter, r.RollbackOfReleaseId, status,
            message, r.RequestedBy, r.RequestedAt, r.StartedAt, r.FinishedAt, r.JobId, r.ConfigJson);
    }

    // Member-init (not a constructor) so EF can still order and filter on the projection.
    private sealed class ReleaseRow
    {
        public required ReleaseRecord Release { get; init; }

        public required string EnvironmentName { get; init; }

        public JobState JobState { get; init; }
    }
}
