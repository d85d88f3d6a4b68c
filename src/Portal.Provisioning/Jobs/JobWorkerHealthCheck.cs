using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Provisioning.Jobs;

/// <summary>Ready while the worker is claiming jobs; unhealthy if it stopped or crashed.</summary>
public sealed class JobWorkerHealthCheck(JobWorker worker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["workerId"] = worker.WorkerId, ["runningJobs"] = worker.RunningJobCount };
        var result = worker.ExecuteTask switch
        {
            { IsFaulted: true } task => HealthCheckResult.Unhealthy("The job worker crashed.", task.Exception?.GetBaseException(), data),
            { IsCompleted: true } => HealthCheckResult.Unhealthy("The job worker stopped.", null, data),
            _ when !worker.IsAcceptingJobs => HealthCheckResult.Unhealthy("The job worker is starting.", null, data),
            _ => HealthCheckResult.Healthy($"{worker.RunningJobCount} job(s) running.", data),
        };
        return Task.FromResult(result);
    }
}
