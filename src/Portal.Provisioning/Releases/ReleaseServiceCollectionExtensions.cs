using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Jobs;

namespace Portal.Provisioning.Releases;

public static class ReleaseServiceCollectionExtensions
{
    /// <summary>The release service and the handlers of release and restart jobs (called by AddPortalEnvironments).</summary>
    public static IServiceCollection AddPortalReleases(this IServiceCollection services)
    {
        services.AddOptions<ReleaseOptions>().BindConfiguration(ReleaseOptions.SectionName)
            .Validate(o => o.RolloutTimeout > TimeSpan.Zero, "Releases:RolloutTimeout must be positive.")
            .Validate(o => o.PodCheckInterval > TimeSpan.Zero, "Releases:PodCheckInterval must be positive.")
            .Validate(o => o.LogTailLines is > 0 and <= 1000, "Releases:LogTailLines must be between 1 and 1000.")
            .ValidateOnStart();
        services.AddSingleton<ReleaseStore>();
        services.AddSingleton<WorkloadImageReader>();
        services.AddSingleton<RolloutTracker>();
        services.AddSingleton<IReleaseService, ReleaseService>();

        // Not idempotent: a release is released again by the user, never re-run behind their back.
        services.AddJobHandler<ReleaseJobHandler>(ReleaseJobKinds.Deploy);
        services.AddJobHandler<ReleaseJobHandler>(ReleaseJobKinds.Restart);
        return services;
    }
}
