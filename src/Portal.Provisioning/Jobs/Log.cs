using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Jobs;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Job worker {WorkerId} started with {WorkerCount} loop(s)")]
    public static partial void WorkerStarted(ILogger logger, string workerId, int workerCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{Count} job(s) left running by a stopped process were marked Interrupted")]
    public static partial void OrphansInterrupted(ILogger logger, int count);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Claiming a job failed")]
    public static partial void ClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) attempt {Attempt} failed")]
    public static partial void JobFailed(ILogger logger, Exception? exception, long jobId, string kind, int attempt);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Renewing the lease of job {JobId} failed")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception, long jobId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Job {JobId} lost its lease and was abandoned; it is recorded as Interrupted")]
    public static partial void LeaseLost(ILogger logger, long jobId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "Sweeping expired job leases failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "The abandoned step of job {JobId} ended")]
    public static partial void AbandonedStepEnded(ILogger logger, Exception exception, long jobId);
}
