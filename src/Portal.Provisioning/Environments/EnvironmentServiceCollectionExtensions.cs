using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Releases;
using Portal.Provisioning.Secrets;

namespace Portal.Provisioning.Environments;

public static class EnvironmentServiceCollectionExtensions
{
    /// <summary>The environment service and the handlers of every environment job kind.</summary>
    public static IServiceCollection AddPortalEnvironments(this IServiceCollection services)
    {
        services.AddOptions<EnvironmentOptions>().BindConfiguration(EnvironmentOptions.SectionName)
            .Validate(o => o.LoadBalancerDrainTimeout > TimeSpan.Zero, "Environments:LoadBalancerDrainTimeout must be positive.")
            .Validate(o => o.LoadBalancerDrainPollInterval > TimeSpan.Zero, "Environments:LoadBalancerDrainPollInterval must be positive.")
            .ValidateOnStart();
        services.AddPortalSecrets();
        services.AddSingleton<EnvironmentStore>();
        services.AddSingleton<EnvironmentClusterAccess>();
        services.AddSingleton<EnvironmentStackPreparer>();
        services.AddSingleton<LoadBalancerDrainer>();
        services.AddSingleton<IEnvironmentService, EnvironmentService>();

        // Not idempotent: a half-run pulumi command is never re-run behind the user's back; they choose to retry.
        services.AddJobHandler<ApplyEnvironmentJobHandler>(EnvironmentJobKinds.Provision);
        services.AddJobHandler<ApplyEnvironmentJobHandler>(EnvironmentJobKinds.Update);
        services.AddJobHandler<PreviewEnvironmentJobHandler>(EnvironmentJobKinds.Preview);
        services.AddJobHandler<DriftCheckJobHandler>(EnvironmentJobKinds.DriftCheck);
        services.AddJobHandler<DestroyEnvironmentJobHandler>(EnvironmentJobKinds.Destroy);
        services.AddJobHandler<StackMaintenanceJobHandler>(EnvironmentJobKinds.Unlock);
        services.AddJobHandler<StackMaintenanceJobHandler>(EnvironmentJobKinds.ClearPending);
        services.AddPortalReleases();
        return services;
    }
}
