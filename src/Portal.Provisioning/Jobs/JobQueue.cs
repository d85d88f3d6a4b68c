using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Provisioning.Jobs;

public sealed class JobQueue : IJobQueue
{
    private readonly IDbContextFactory<PortalDbContext> _contextFactory;
    private readonly TimeProvider _clock;
    private readonly JobStore _store;
    private readonly JobSignal _signal;
    private readonly JobUpdatesNotifier _notifier;
    private readonly RunningJobs _running;
    private readonly Dictionary<string, JobHandlerRegistration> _handlers;

    internal JobQueue(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock, JobStore store, JobSignal signal,
        JobUpdatesNotifier notifier, RunningJobs running, IEnumerable<JobHandlerRegistration> handlers)
    {
        _contextFactory = contextFactory;
        _clock = clock;
        _store = store;
        _signal = signal;
        _notifier = notifier;
        _running = running;
        _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    }

    public async Task<long> EnqueueAsync(JobRequest request, Func<PortalDbContext, CancellationToken, Task<long?>>? alongside = null, CancellationToken cancellationToken = default)
    {
        if (!_handlers.TryGetValue(request.Kind, out var registration))
        {
            throw new ArgumentException($"No handler is registered for job kind '{request.Kind}'.", nameof(request));
        }

        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var environmentId = request.EnvironmentId;
        if (alongside is not null)
        {
            environmentId = await alongside(context, cancellationToken) ?? environmentId;
        }

        var job = new Job
        {
            Kind = request.Kind,
            Title = _store.Redact(request.Title),
            EnvironmentId = environmentId,
            State = JobState.Queued,
            PayloadJson = JsonSerializer.Serialize(request.Payload ?? new { }, JobJson.Options),
            RequestedBy = request.RequestedBy,
            CreatedAt = _clock.GetUtcNow(),
            MaxAttempts = registration.EffectiveMaxAttempts,
        };
        context.Jobs.Add(job);
        await context.SaveChangesAsync(cancellationToken);
        if (request.WithJob is not null)
        {
            await request.WithJob(context, job.Id, cancellationToken);
        }

        var queued = await _store.AppendEventAsync(context, job.Id, JobEventKind.State, JobEventLevel.Info, $"Queued by {request.RequestedBy}.", JobStore.StateData(JobState.Queued), cancellationToken);
        var audit = request.Audit ?? new JobAudit("job.enqueue", $"job/{job.Id}");
        var entry = await _store.CreateAuditAsync(context, audit.Action, job.Id, job.EnvironmentId, request.RequestedBy,
            new { jobId = job.Id, job.Kind, details = audit.Details }, "requested", audit.RemoteAddress, cancellationToken);
        entry.Target = audit.Target;
        entry.EnvironmentName ??= request.EnvironmentName;
        context.AuditEntries.Add(entry);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        _notifier.Publish(new JobUpdate(job.Id, job.EnvironmentId, JobState.Queued, queued));
        _signal.Wake();
        return job.Id;
    }

    public async Task<CancelOutcome> CancelAsync(long jobId, string actor, string? remoteAddress = null, CancellationToken cancellationToken = default)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var job = await context.Jobs.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null)
        {
            return CancelOutcome.NotFound;
        }

        if (job.State.IsFinished())
        {
            return CancelOutcome.AlreadyFinished;
        }

        var now = _clock.GetUtcNow();
        CancelOutcome outcome;
        string message;
        if (job.State is JobState.Queued or JobState.AwaitingApproval)
        {
            job.State = JobState.Cancelled;
            job.FinishedAt = now;
            job.CancelRequestedAt = now;
            job.CancelRequestedBy = actor;
            outcome = CancelOutcome.Cancelled;
            message = $"Cancelled by {actor} before it ran.";
        }
        else if (job.CancelRequestedAt is null)
        {
            job.CancelRequestedAt = now;
            job.CancelRequestedBy = actor;
            outcome = CancelOutcome.CancelRequested;
            message = $"Cancellation requested by {actor}; waiting for the running step to stop. Cancel again to force it.";
        }
        else
        {
            job.CancelForced = true;
            outcome = CancelOutcome.ForceRequested;
            message = $"Forced cancellation by {actor}: the running step is abandoned and its processes killed.";
        }

        await context.SaveChangesAsync(cancellationToken);
        var stateEvent = await _store.AppendEventAsync(context, jobId, JobEventKind.State, JobEventLevel.Warning, message,
            outcome == CancelOutcome.Cancelled ? JobStore.StateData(JobState.Cancelled) : null, cancellationToken);
        context.AuditEntries.Add(await _store.CreateAuditAsync(context, outcome == CancelOutcome.ForceRequested ? "job.cancel.force" : "job.cancel",
            jobId, job.EnvironmentId, actor, new { job.Kind, job.Title, previousState = job.State.ToString() }, outcome.ToString().ToLowerInvariant(), remoteAddress, cancellationToken));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (_running.TryGet(jobId, out var running))
        {
            if (outcome == CancelOutcome.ForceRequested)
            {
                running.Force(StopReason.ForcedCancel);
            }
            else
            {
                running.RequestStop(StopReason.Cancel);
            }
        }

        _notifier.Publish(new JobUpdate(jobId, job.EnvironmentId, job.State, stateEvent));
        if (outcome == CancelOutcome.Cancelled)
        {
            _signal.Wake();
        }

        return outcome;
    }
}
