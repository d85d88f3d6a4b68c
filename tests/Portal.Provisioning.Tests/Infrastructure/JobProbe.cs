using System.Collections.Concurrent;
using Portal.Provisioning.Jobs;

namespace Portal.Provisioning.Tests.Infrastructure;

/// <summary>
/// What the test handlers saw, and the gates the test opens. One per test host (a singleton in its container), so
/// tests assert on what really ran rather than on what the database claims ran.
/// </summary>
public sealed class JobProbe
{
    private readonly ConcurrentQueue<long> _started = new();
    private readonly ConcurrentDictionary<long, int> _runs = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<long, int> _runningPerEnvironment = new();
    private readonly ConcurrentDictionary<long, int> _maxRunningPerEnvironment = new();
    private int _running;
    private int _maxRunning;
    private volatile bool _openAll;

    /// <summary>Job ids in the order their handlers started (a retried job appears once per attempt).</summary>
    public IReadOnlyList<long> StartedOrder => [.. _started];

    public int MaxRunningAtOnce => Volatile.Read(ref _maxRunning);

    public int RunCount(long jobId) => _runs.GetValueOrDefault(jobId);

    public int MaxRunningAtOnceIn(long environmentId) => _maxRunningPerEnvironment.GetValueOrDefault(environmentId);

    public bool HasStarted(long jobId) => _runs.ContainsKey(jobId);

    /// <summary>Call first in a handler; dispose when the handler ends.</summary>
    public IDisposable Enter(JobExecutionContext context)
    {
        _started.Enqueue(context.JobId);
        _runs.AddOrUpdate(context.JobId, 1, (_, count) => count + 1);
        var running = Interlocked.Increment(ref _running);
        UpdateMax(ref _maxRunning, running);
        if (context.EnvironmentId is { } environmentId)
        {
            var inEnvironment = _runningPerEnvironment.AddOrUpdate(environmentId, 1, (_, count) => count + 1);
            _maxRunningPerEnvironment.AddOrUpdate(environmentId, inEnvironment, (_, max) => Math.Max(max, inEnvironment));
        }

        return new Exit(this, context.EnvironmentId);
    }

    /// <summary>Completes when the test opens the gate of <paramref name="jobId"/> (or every gate).</summary>
    public Task WaitAtGateAsync(long jobId, CancellationToken cancellationToken) =>
        GateOf(jobId).Task.WaitAsync(cancellationToken);

    public void Open(long jobId) => GateOf(jobId).TrySetResult();

    /// <summary>Lets every handler still waiting finish, so nothing outlives the test.</summary>
    public void OpenAll()
    {
        _openAll = true;
        foreach (var gate in _gates.Values)
        {
            gate.TrySetResult();
        }
    }

    private TaskCompletionSource GateOf(long jobId)
    {
        var gate = _gates.GetOrAdd(jobId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_openAll)
        {
            gate.TrySetResult();
        }

        return gate;
    }

    private static void UpdateMax(ref int max, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, value, current) != current)
        {
        }
    }

    private sealed class Exit(JobProbe probe, long? environmentId) : IDisposable
    {
        public void Dispose()
        {
            Interlocked.Decrement(ref probe._running);
            if (environmentId is { } id)
            {
                probe._runningPerEnvironment.AddOrUpdate(id, 0, (_, count) => count - 1);
            }
        }
    }
}
