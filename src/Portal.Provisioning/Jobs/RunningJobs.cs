using System.Collections.Concurrent;

namespace Portal.Provisioning.Jobs;

/// <summary>The jobs this process is running, so a cancel reaches the running step at once rather than at the next heartbeat.</summary>
internal sealed class RunningJobs
{
    private readonly ConcurrentDictionary<long, RunningJob> _jobs = new();

    public int Count => _jobs.Count;

    public void Add(RunningJob job) => _jobs[job.JobId] = job;

    public void Remove(long jobId) => _jobs.TryRemove(jobId, out _);

    public bool TryGet(long jobId, out RunningJob job) => _jobs.TryGetValue(jobId, out job!);

    public IReadOnlyCollection<RunningJob> All => [.. _jobs.Values];
}
