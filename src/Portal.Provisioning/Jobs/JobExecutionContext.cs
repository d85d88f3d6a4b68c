using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Data.Redaction;

namespace Portal.Provisioning.Jobs;

/// <summary>What a handler gets: the job, its cancellation tokens, and a way to write events that are persisted and shown live.</summary>
public sealed class JobExecutionContext
{
    private readonly Func<JobEventKind, JobEventLevel, string, string?, Task> _append;

    internal JobExecutionContext(ClaimedJob job, IServiceProvider services, RunningJob running, Func<JobEventKind, JobEventLevel, string, string?, Task> append)
    {
        JobId = job.Id;
        Kind = job.Kind;
        Title = job.Title;
        EnvironmentId = job.EnvironmentId;
        Attempt = job.Attempt;
        RequestedBy = job.RequestedBy;
        PayloadJson = job.PayloadJson;
        Services = services;
        CancellationToken = running.CancellationToken;
        ForceCancellationToken = running.ForceCancellationToken;
        _append = append;
    }

    public long JobId { get; }

    public string Kind { get; }

    public string Title { get; }

    public long? EnvironmentId { get; }

    /// <summary>1 on the first run, 2 on the first retry…</summary>
    public int Attempt { get; }

    public string RequestedBy { get; }

    public string PayloadJson { get; }

    /// <summary>The scope of this execution: resolve per-job services here.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Fires when a user cancels or the portal shuts down: stop at the next safe point (SIGINT a child process).</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Fires on a second cancel: kill child processes now.</summary>
    public CancellationToken ForceCancellationToken { get; }

    /// <summary>The handler's result, stored as JSON on the job.</summary>
    public object? Result { get; set; }

    public T GetPayload<T>() => JsonSerializer.Deserialize<T>(PayloadJson, JobJson.Options)
        ?? throw new InvalidOperationException($"Job {JobId} has no payload.");

    /// <summary>Masks this value in every later event, error, audit entry and log line (see <see cref="ISecretRedactor"/>).</summary>
    public void RegisterSecret(string value) => Services.GetRequiredService<ISecretRedactor>().Register(value);

    public Task LogAsync(string message, JobEventLevel level = JobEventLevel.Info) =>
        _append(JobEventKind.Log, level, message, null);

    /// <summary>Structured progress: <paramref name="data"/> is stored as JSON and drives progress views.</summary>
    public Task ReportProgressAsync(string message, object data, JobEventLevel level = JobEventLevel.Info) =>
        _append(JobEventKind.Progress, level, message, JsonSerializer.Serialize(data, JobJson.Options));
}
