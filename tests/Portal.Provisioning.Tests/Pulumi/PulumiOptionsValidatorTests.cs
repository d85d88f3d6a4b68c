using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Tests.Pulumi;

public sealed class PulumiOptionsValidatorTests
{
    [Fact]
    public void Validate_EverythingWrong_ReportsEveryError()
    {
        var options = new PulumiOptions
        {
            Command = "",
            WorkDirectoryRoot = "relative/path",
            BackendUrl = "not a url",
            CommandTimeout = TimeSpan.Zero,
            CancelGracePeriod = TimeSpan.FromSeconds(-1),
            EnvironmentVariables = { ["PULUMI_CONFIG_PASSPHRASE"] = "x" },
        };

        var result = new PulumiOptionsValidator(_ => null).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(6, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("CancelGracePeriod", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Pulumi:Command", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("WorkDirectoryRoot", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("BackendUrl", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("CommandTimeout", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("EnvironmentVariables:PULUMI_CONFIG_PASSPHRASE", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_FileBackendWithoutAnyPassphrase_Fails()
    {
        var result = new PulumiOptionsValidator(_ => null).Validate(null, Valid());

        Assert.Contains(result.Failures!, f => f.Contains("ConfigPassphrase", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("PULUMI_CONFIG_PASSPHRASE", "")]
    [InlineData("PULUMI_CONFIG_PASSPHRASE_FILE", "/run/secrets/pp")]
    public void Validate_FileBackendWithPassphraseFromEnvironment_Succeeds(string variable, string value)
    {
        var result = new PulumiOptionsValidator(name => name == variable ? value : null).Validate(null, Valid());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_CloudBackendWithoutToken_RequiresAccessToken()
    {
        var options = Valid();
        options.BackendUrl = "https://api.pulumi.com";

        var result = new PulumiOptionsValidator(_ => null).Validate(null, options);

        Assert.Equal(["Pulumi:AccessToken (or the PULUMI_ACCESS_TOKEN environment variable) is required for a Pulumi Cloud backend."], result.Failures);
    }

    private static PulumiOptions Valid() => new()
    {
        WorkDirectoryRoot = "/var/lib/portal/pulumi/workspaces",
        BackendUrl = "file:///var/lib/portal/pulumi/state",
    };
}
