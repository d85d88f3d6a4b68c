using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Pulumi;

public static class PulumiServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IStackRunner"/>, <see cref="PulumiOptions"/> (section <c>Pulumi</c>, validated on start)
    /// and the <c>pulumi-cli</c> readiness check (tag <c>ready</c>).</summary>
    public static IServiceCollection AddPortalPulumi(this IServiceCollection services)
    {
        services.AddOptions<PulumiOptions>().BindConfiguration(PulumiOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<PulumiOptions>, PulumiOptionsDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PulumiOptions>, PulumiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStackRunner, PulumiStackRunner>();
        services.AddHealthChecks().AddCheck<PulumiCliHealthCheck>(PulumiCliHealthCheck.Name, tags: ["ready"], timeout: TimeSpan.FromSeconds(15));
        return services;
    }
}
