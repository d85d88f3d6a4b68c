using System.Diagnostics;
using System.Threading.Channels;
using Portal.Provisioning.Jobs;

namespace Portal.Benchmarks;

/// <summary>A job that does nothing but say when it started (a Stopwatch timestamp), for the queue benchmarks.</summary>
internal sealed class StartSignalJobHandler(ChannelWriter<(long JobId, long StartedTimestamp)> started) : IJobHandler
{
    public const string Kind = "bench.noop";

    public Task ExecuteAsync(JobExecutionContext context)
    {
        started.TryWrite((context.JobId, Stopwatch.GetTimestamp()));
        return Task.CompletedTask;
    }
}
