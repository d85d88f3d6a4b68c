using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Jobs;

/// <summary>Reports every problem with the <c>Jobs</c> section at once.</summary>
public sealed class JobOptionsValidator : IValidateOptions<JobOptions>
{
    public ValidateOptionsResult Validate(string? name, JobOptions options)
    {
        var errors = new List<string>();
        if (options.WorkerCount is < 1 or > 64)
        {
            errors.Add($"Jobs:WorkerCount must be between 1 and 64 (was {options.WorkerCount}).");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(50))
        {
            errors.Add($"Jobs:PollInterval must be at least 00:00:00.05 (was {options.PollInterval}).");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            errors.Add($"Jobs:LeaseDuration must be at least 00:00:01 (was {options.LeaseDuration}).");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero || options.HeartbeatInterval * 2 > options.LeaseDuration)
        {
            errors.Add($"Jobs:HeartbeatInterval must be positive and at most half of Jobs:LeaseDuration (was {options.HeartbeatInterval}, lease {options.LeaseDuration}).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            errors.Add($"Jobs:RetryBaseDelay must be non-negative and at most Jobs:RetryMaxDelay (was {options.RetryBaseDelay} and {options.RetryMaxDelay}).");
        }

        if (options.ShutdownGracePeriod < TimeSpan.Zero)
        {
            errors.Add($"Jobs:ShutdownGracePeriod must not be negative (was {options.ShutdownGracePeriod}).");
        }

        if (options.LiveLogLineCap is < 100 or > 100_000)
        {
            errors.Add($"Jobs:LiveLogLineCap must be between 100 and 100000 (was {options.LiveLogLineCap}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
