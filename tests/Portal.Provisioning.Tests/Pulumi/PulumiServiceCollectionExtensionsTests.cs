using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Tests.Pulumi;

public sealed class PulumiServiceCollectionExtensionsTests
{
    [Fact]
    public void AddPortalPulumi_DataDirectoryOnly_DefaultsBackendAndWorkspacesUnderIt()
    {
        using var provider = Build(new() { ["Portal:DataDirectory"] = "/srv/portal-data", ["Pulumi:ConfigPassphrase"] = "x" });

        var options = provider.GetRequiredService<IOptions<PulumiOptions>>().Value;

        Assert.Equal("pulumi", options.Command);
        Assert.Equal("/srv/portal-data/pulumi/workspaces", options.WorkDirectoryRoot);
        Assert.Equal("file:///srv/portal-data/pulumi/state", options.BackendUrl);
        Assert.IsType<PulumiStackRunner>(provider.GetRequiredService<IStackRunner>());
    }

    [Fact]
    public void AddPortalPulumi_InvalidSection_FailsValidation()
    {
        using var provider = Build(new() { ["Pulumi:Command"] = "", ["Pulumi:ConfigPassphrase"] = "x" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PulumiOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Pulumi:Command", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HealthCheck_CommandMissing_ReportsUnhealthyWithReason()
    {
        using var provider = Build(new() { ["Pulumi:Command"] = "/nonexistent/pulumi", ["Pulumi:ConfigPassphrase"] = "x" });
        var check = new PulumiCliHealthCheck(provider.GetRequiredService<IStackRunner>());

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("pulumi CLI not found", result.Description);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPortalPulumi();
        return services.BuildServiceProvider();
    }
}
