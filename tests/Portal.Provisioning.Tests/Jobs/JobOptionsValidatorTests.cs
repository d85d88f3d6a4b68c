using Portal.Provisioning.Jobs;

namespace Portal.Provisioning.Tests.Jobs;

public sealed class JobOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new JobOptionsValidator().Validate(null, new JobOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_EverySettingWrong_ListsEveryError()
    {
        var options = new JobOptions
        {
            WorkerCount = 0,
            PollInterval = TimeSpan.FromMilliseconds(10),
            LeaseDuration = TimeSpan.FromMilliseconds(500),
            HeartbeatInterval = TimeSpan.Zero,
            RetryBaseDelay = TimeSpan.FromMinutes(10),
            RetryMaxDelay = TimeSpan.FromMinutes(1),
            ShutdownGracePeriod = TimeSpan.FromSeconds(-1),
            LiveLogLineCap = 5,
        };

        var result = new JobOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        string[] settings = ["WorkerCount", "PollInterval", "LeaseDuration", "HeartbeatInterval", "RetryBaseDelay", "ShutdownGracePeriod", "LiveLogLineCap"];
        Assert.Equal(settings.Length, failures.Count);
        foreach (var (setting, failure) in settings.Zip(failures))
        {
            Assert.StartsWith($"Jobs:{setting} ", failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_HeartbeatLongerThanHalfTheLease_Fails()
    {
        var options = new JobOptions { LeaseDuration = TimeSpan.FromSeconds(10), HeartbeatInterval = TimeSpan.FromSeconds(6) };

        var result = new JobOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.Contains("HeartbeatInterval", StringComparison.Ordinal));
    }
}
