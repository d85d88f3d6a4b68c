using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Provisioning.Pulumi;

/// <summary>Readiness: the configured CLI answers <c>pulumi version</c> with a supported version.</summary>
public sealed class PulumiCliHealthCheck(IStackRunner runner) : IHealthCheck
{
    public const string Name = "pulumi-cli";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await runner.GetVersionAsync(cancellationToken);
            return HealthCheckResult.Healthy($"pulumi v{version}");
        }
        catch (PulumiCliNotFoundException ex)
        {
            return HealthCheckResult.Unhealthy("pulumi CLI not found", ex);
        }
        catch (Exception ex) when (ex is PulumiCommandException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("pulumi CLI unusable", ex);
        }
    }
}
