using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Watching;

namespace Portal.Provisioning.Kubernetes;

public static class KubernetesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IClusterClientFactory"/> and <see cref="ISharedWatchHub"/> (singletons) and the
    /// <c>Kubernetes</c> options section, validated at startup.
    /// </summary>
    public static IServiceCollection AddPortalKubernetes(this IServiceCollection services)
    {
        services.AddOptions<KubernetesOptions>().BindConfiguration(KubernetesOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubernetesOptions>, KubernetesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAwsCredentialSource, AwsSdkCredentialSource>();
        services.TryAddSingleton<IClusterClientFactory, ClusterClientFactory>();
        services.TryAddSingleton<ISharedWatchHub, SharedWatchHub>();
        return services;
    }
}
