using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;

namespace Portal.Provisioning.Jobs;

/// <summary>Runs one claimed job: heartbeat, handler, and the final state with its event and audit entry.</summary>
internal sealed class JobExecutor(JobWorker worker, IReadOnlyDictionary<string, JobHandlerRegistration> handlers)
{
    public async Task ExecuteAsync(ClaimedJob job, CancellationToken stoppingToken)
    {
        using var running = new RunningJob(job.Id);
        worker.Running.Add(running);
        try
        {
            await AppendAsync(job, JobEventKind.State, JobEventLevel.Info, $"Started (attempt {job.Attempt} of {job.MaxAttempts}) on {worker.WorkerId}.", JobStore.StateData(JobState.Running));
            using var heartbeatStop = new CancellationTokenSource();
            var heartbeat = HeartbeatAsync(job, running, heartbeatStop.Token);
            await using var stopping = stoppingToken.Register(() => OnShutdown(running));

            var handlerTask = RunHandlerAsync(job, running);
            await Task.WhenAny(handlerTask, running.Forced);
            await heartbeatStop.CancelAsync();
            await heartbeat;

            if (!handlerTask.IsCompleted)
            {
                // Forced: abandon the step (its processes were killed through the force token); note how it ends.
                _ = ObserveAbandonedAsync(job, handlerTask);
            }

            await RecordOutcomeAsync(job, running, handlerTask);
        }
        finally
        {
            worker.Running.Remove(job.Id);
        }
    }

    private async Task RunHandlerAsync(ClaimedJob job, RunningJob running)
    {
        if (!handlers.TryGetValue(job.Kind, out var registration))
        {
            throw new InvalidOperationException($"No handler is registered for job kind '{job.Kind}'.");
        }

        // Handlers run on the thread pool so a handler that blocks cannot stall the worker loop.
        await Task.Run(async () =>
        {
            await using var scope = worker.ScopeFactory.CreateAsyncScope();
            var handler = (IJobHandler)scope.ServiceProvider.GetRequiredService(registration.HandlerType);
            var context = new JobExecutionContext(job, scope.ServiceProvider, running,
                (kind, level, message, data) => AppendAsync(job, kind, level, message, data));
            await handler.ExecuteAsync(context);
            running.Result = context.Result;
        });
    }

    private async Task RecordOutcomeAsync(ClaimedJob job, RunningJob running, Task handlerTask)
    {
        var reason = running.StopReason;
        if (reason == StopReason.LeaseLost)
        {
            Log.LeaseLost(worker.Logger, job.Id);
            return;
        }

        JobEvent? stateEvent;
        JobState state;
        if (handlerTask.IsCompletedSuccessfully)
        {
            state = JobState.Succeeded;
            var result = running.Result is null ? null : System.Text.Json.JsonSerializer.Serialize(running.Result, JobJson.Options);
            stateEvent = await worker.Store.FinishAsync(job, worker.WorkerId, state, "Succeeded.", null, result, CancellationToken.None);
        }
        else if (reason is StopReason.Cancel or StopReason.ForcedCancel)
        {
            state = JobState.Cancelled;
            var message = reason == StopReason.ForcedCancel ? "Cancelled (forced: the running step was abandoned)." : "Cancelled: the running step stopped.";
            stateEvent = await worker.Store.FinishAsync(job, worker.WorkerId, state, message, message, null, CancellationToken.None);
        }
        else if (reason == StopReason.Shutdown)
        {
            state = JobState.Interrupted;
            const string message = "The portal shut down while this job was running. It was not re-run: check the environment, then retry.";
            stateEvent = await worker.Store.FinishAsync(job, worker.WorkerId, state, message, message, null, CancellationToken.None);
        }
        else
        {
            var error = Describe(handlerTask.Exception?.GetBaseException());
            var registration = handlers.GetValueOrDefault(job.Kind);
            if (registration is { IsIdempotent: true } && job.Attempt < job.MaxAttempts)
            {
                state = JobState.Queued;
                var notBefore = worker.Clock.GetUtcNow() + RetryDelay(job.Attempt);
                stateEvent = await worker.Store.RequeueForRetryAsync(job, worker.WorkerId, notBefore, error, CancellationToken.None);
                _ = WakeAtAsync(notBefore);
            }
            else
            {
                state = JobState.Failed;
                stateEvent = await worker.Store.FinishAsync(job, worker.WorkerId, state, $"Failed: {error}", error, null, CancellationToken.None);
            }

            Log.JobFailed(worker.Logger, handlerTask.Exception?.GetBaseException(), job.Id, job.Kind, job.Attempt);
        }

        if (stateEvent is not null)
        {
            worker.Notifier.Publish(new JobUpdate(job.Id, job.EnvironmentId, state, stateEvent));
        }
    }

    private async Task HeartbeatAsync(ClaimedJob job, RunningJob running, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(worker.Options.HeartbeatInterval, worker.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    var lease = await worker.Store.RenewLeaseAsync(job.Id, worker.WorkerId, worker.Options.LeaseDuration, stop);
                    if (lease is null)
                    {
                        running.Force(StopReason.LeaseLost);
                        return;
                    }

                    // A cancel written by another process (the API of another replica, a CLI) reaches us here.
                    if (lease.Value.CancelForced)
                    {
                        running.Force(StopReason.ForcedCancel);
                    }
                    else if (lease.Value.CancelRequestedAt is not null)
                    {
                        running.RequestStop(StopReason.Cancel);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.HeartbeatFailed(worker.Logger, ex, job.Id);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended.
        }
    }

    private void OnShutdown(RunningJob running)
    {
        running.RequestStop(StopReason.Shutdown);
        _ = Task.Delay(worker.Options.ShutdownGracePeriod, worker.Clock).ContinueWith(_ => running.Force(StopReason.Shutdown), TaskScheduler.Default);
    }

    private async Task AppendAsync(ClaimedJob job, JobEventKind kind, JobEventLevel level, string message, string? data)
    {
        var appended = await worker.Store.AppendEventAsync(job.Id, kind, level, message, data, CancellationToken.None);
        worker.Notifier.Publish(new JobUpdate(job.Id, job.EnvironmentId, JobState.Running, appended));
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var delay = worker.Options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        return delay < worker.Options.RetryMaxDelay ? delay : worker.Options.RetryMaxDelay;
    }

    private async Task WakeAtAsync(DateTimeOffset when)
    {
        var delay = when - worker.Clock.GetUtcNow();
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, worker.Clock);
        }

        worker.Signal.Wake();
    }

    private async Task ObserveAbandonedAsync(ClaimedJob job, Task handlerTask)
    {
        try
        {
            await handlerTask;
        }
        catch (Exception ex)
        {
            Log.AbandonedStepEnded(worker.Logger, ex, job.Id);
        }
    }

    private static string Describe(Exception? exception) => exception switch
    {
        null => "The handler failed without an error.",
        OperationCanceledException => "The operation was cancelled or timed out.",
        _ => exception.Message,
    };
}
