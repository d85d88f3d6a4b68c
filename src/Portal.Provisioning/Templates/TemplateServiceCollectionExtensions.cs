using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Templates;

public static class TemplateServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ITemplateCatalog"/> (a singleton, loaded when the host starts) and the <c>Templates</c>
    /// options section, validated at startup.</summary>
    public static IServiceCollection AddPortalTemplates(this IServiceCollection services)
    {
        services.AddOptions<TemplateOptions>().BindConfiguration(TemplateOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TemplateOptions>, TemplateOptionsValidator>());
        services.TryAddSingleton<ITemplateCatalog, TemplateCatalog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TemplateCatalogStartup>());
        services.AddHealthChecks().AddCheck<TemplateCatalogHealthCheck>("templates", HealthStatus.Degraded, ["ready"]);
        return services;
    }
}
