using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Redaction;
using Portal.Data.Entities;

namespace Portal.Provisioning.Jobs;

/// <summary>
/// The queue's statements. Claims, heartbeats and event appends are single SQL statements (atomic in SQLite);
/// every state change a person would ask about is written with its event and its audit entry in one transaction.
/// </summary>
internal sealed class JobStore(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock, ISecretRedactor redactor)
{
    public const string SystemActor = "system";

    /// <summary>Text the queue writes as is (a job's title), with known secrets masked.</summary>
    public string Redact(string text) => redactor.Redact(text);

    /// <summary>
    /// Claims the oldest runnable job in one statement: queued, past its backoff, and either without an environment
    /// or the first queued job of an environment that has no running job (FIFO per environment, one at a time).
    /// </summary>
    private const string ClaimSql = """
        UPDATE Jobs SET State = 'Running', LeaseOwner = $owner, LeaseExpiresAt = $lease, StartedAt = $now, Attempt = Attempt + 1
        WHERE State = 'Queued' AND Id = (
            SELECT j.Id FROM Jobs j
            WHERE j.State = 'Queued' AND (j.NotBefore IS NULL OR j.NotBefore <= $now)
              AND (j.EnvironmentId IS NULL OR NOT EXISTS (
                  SELECT 1 FROM Jobs o WHERE o.EnvironmentId = j.EnvironmentId
                    AND (o.State = 'Running' OR (o.State = 'Queued' AND o.Id < j.Id))))
            ORDER BY j.Id LIMIT 1)
        RETURNING Id, Kind, Title, EnvironmentId, PayloadJson, Attempt, MaxAttempts, RequestedBy
        """;

    /// <summary>Numbers events 1, 2, 3… per job inside the insert itself, so any writer may append.</summary>
    private const string AppendEventSql = """
        INSERT INTO JobEvents (JobId, Sequence, Time, Kind, Level, Message, DataJson)
        SELECT $job, COALESCE(MAX(Sequence), 0) + 1, $time, $kind, $level, $message, $data FROM JobEvents WHERE JobId = $job
        RETURNING Id, Sequence
        """;

    public async Task<ClaimedJob?> TryClaimAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var command = await context.CreateCommandAsync(ClaimSql, cancellationToken,
            ("$owner", owner), ("$lease", (now + leaseDuration).UtcTicks), ("$now", now.UtcTicks));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ClaimedJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
            reader.GetString(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetString(7));
    }

    /// <summary>Renews the lease. Null when the lease was lost (the job was marked Interrupted meanwhile).</summary>
    public async Task<(DateTimeOffset? CancelRequestedAt, bool CancelForced)?> RenewLeaseAsync(long jobId, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var command = await context.CreateCommandAsync(
            "UPDATE Jobs SET LeaseExpiresAt = $lease WHERE Id = $id AND LeaseOwner = $owner AND State = 'Running' RETURNING CancelRequestedAt, CancelForced",
            cancellationToken, ("$lease", (now + leaseDuration).UtcTicks), ("$id", jobId), ("$owner", owner));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var requested = reader.IsDBNull(0) ? (DateTimeOffset?)null : new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero);
        return (requested, reader.GetBoolean(1));
    }

    public async Task<JobEvent> AppendEventAsync(long jobId, JobEventKind kind, JobEventLevel level, string message, string? dataJson, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await AppendEventAsync(context, jobId, kind, level, message, dataJson, cancellationToken);
    }

    /// <summary>Appends an event inside the context's current transaction, if it has one.</summary>
    public async Task<JobEvent> AppendEventAsync(PortalDbContext context, long jobId, JobEventKind kind, JobEventLevel level, string message, string? dataJson, CancellationToken cancellationToken)
    {
        var time = clock.GetUtcNow();
        message = redactor.Redact(message);
        dataJson = redactor.RedactOrNull(dataJson);
        await using var command = await context.CreateCommandAsync(AppendEventSql, cancellationToken,
            ("$job", jobId), ("$time", time.UtcTicks), ("$kind", kind.ToString()), ("$level", level.ToString()), ("$message", message), ("$data", dataJson));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new JobEvent { Id = reader.GetInt64(0), JobId = jobId, Sequence = reader.GetInt32(1), Time = time, Kind = kind, Level = level, Message = message, DataJson = dataJson };
    }

    /// <summary>
    /// Records how a claimed job ended, with its state event and audit entry, if this worker still holds the lease.
    /// Returns null when it does not (the job was interrupted meanwhile and keeps that state).
    /// </summary>
    public async Task<JobEvent?> FinishAsync(ClaimedJob job, string owner, JobState state, string message, string? error, string? resultJson, CancellationToken cancellationToken)
    {
        error = redactor.RedactOrNull(error);
        resultJson = redactor.RedactOrNull(resultJson);
        message = redactor.Redact(message);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using (var command = await context.CreateCommandAsync(
            """
            UPDATE Jobs SET State = $state, FinishedAt = $now, Error = $error, ResultJson = $result, LeaseOwner = NULL, LeaseExpiresAt = NULL
            WHERE Id = $id AND LeaseOwner = $owner AND State = 'Running'
            """,
            cancellationToken, ("$state", state.ToString()), ("$now", now.UtcTicks), ("$error", error), ("$result", resultJson), ("$id", job.Id), ("$owner", owner)))
        {
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        var stateEvent = await AppendEventAsync(context, job.Id, JobEventKind.State, state == JobState.Succeeded ? JobEventLevel.Info : JobEventLevel.Error, message, StateData(state), cancellationToken);
        context.AuditEntries.Add(await CreateAuditAsync(context, "job." + state.ToString().ToLowerInvariant(), job.Id, job.EnvironmentId, SystemActor,
            new { job.Kind, job.Title, job.Attempt, error }, state.ToString().ToLowerInvariant(), null, cancellationToken));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stateEvent;
    }

    /// <summary>Puts a failed attempt of an idempotent job back in the queue, to be claimed after <paramref name="notBefore"/>.</summary>
    public async Task<JobEvent?> RequeueForRetryAsync(ClaimedJob job, string owner, DateTimeOffset notBefore, string error, CancellationToken cancellationToken)
    {
        error = redactor.Redact(error);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await using (var command = await context.CreateCommandAsync(
            "UPDATE Jobs SET State = 'Queued', NotBefore = $notBefore, Error = $error, LeaseOwner = NULL, LeaseExpiresAt = NULL WHERE Id = $id AND LeaseOwner = $owner AND State = 'Running'",
            cancellationToken, ("$notBefore", notBefore.UtcTicks), ("$error", error), ("$id", job.Id), ("$owner", owner)))
        {
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        var message = $"Attempt {job.Attempt} of {job.MaxAttempts} failed: {error}. Retrying at {notBefore:u}.";
        var stateEvent = await AppendEventAsync(context, job.Id, JobEventKind.State, JobEventLevel.Warning, message, StateData(JobState.Queued), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stateEvent;
    }

    public async Task<AuditEntry> CreateAuditAsync(PortalDbContext context, string action, long jobId, long? environmentId, string actor, object? details, string outcome, string? remoteAddress, CancellationToken cancellationToken)
    {
        var environmentName = environmentId is { } id
            ? await context.Environments.AsNoTracking().Where(e => e.Id == id).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new AuditEntry
        {
            Time = clock.GetUtcNow(),
            Actor = actor,
            Action = action,
            Target = $"job/{jobId}",
            EnvironmentName = environmentName,
            DetailsJson = JsonSerializer.Serialize(details ?? new { }, JobJson.Options),
            Outcome = outcome,
            RemoteAddress = remoteAddress,
        };
    }

    public static string StateData(JobState state) => JsonSerializer.Serialize(new { state = state.ToString() }, JobJson.Options);
}
