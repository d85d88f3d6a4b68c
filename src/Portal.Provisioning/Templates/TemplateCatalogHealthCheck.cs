using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Provisioning.Templates;

/// <summary>Degraded (not unhealthy: the other templates work) while any template failed to load.</summary>
public sealed class TemplateCatalogHealthCheck(ITemplateCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var broken = catalog.Problems.Select(p => p.Template).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var loaded = $"{catalog.Templates.Count} template(s) loaded";
        return Task.FromResult(broken.Count == 0
            ? HealthCheckResult.Healthy(loaded)
            : HealthCheckResult.Degraded($"{loaded}; broken: {string.Join(", ", broken)} (see Settings or GET /api/templates)"));
    }
}
