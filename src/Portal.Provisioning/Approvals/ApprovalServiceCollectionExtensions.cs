using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Jobs;

namespace Portal.Provisioning.Approvals;

public static class ApprovalServiceCollectionExtensions
{
    /// <summary>
    /// Approvals: the policy options, the service, the plan job, and the gate around the handlers of every gated kind.
    /// Call it after every job handler is registered (it wraps the registrations it finds).
    /// </summary>
    public static IServiceCollection AddPortalApprovals(this IServiceCollection services)
    {
        services.AddOptions<ApprovalOptions>().BindConfiguration(ApprovalOptions.SectionName)
            .PostConfigure(o =>
            {
                if (o.Classes.Count == 0)
                {
                    o.Classes["production"] = new ApprovalClassPolicy();
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApprovalOptions>, ApprovalOptionsValidator>();
        services.AddSingleton<ApprovalPolicies>();
        services.AddSingleton<ApprovalUpdatesNotifier>();
        services.AddSingleton<ApprovalStore>();
        services.AddSingleton<IApprovalService, ApprovalService>();
        services.AddSingleton<StackApprovalPlanner>();
        services.AddSingleton<IApprovalPlanner>(provider => provider.GetRequiredService<StackApprovalPlanner>());
        services.AddSingleton<ReleaseApprovalPlanner>();
        services.AddSingleton<IApprovalPlanner>(provider => provider.GetRequiredService<ReleaseApprovalPlanner>());
        services.AddSingleton<IApprovalExecutionCompanion>(provider => provider.GetRequiredService<ReleaseApprovalPlanner>());
        services.AddSingleton<ApprovalExpirySweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<ApprovalExpirySweeper>());
        services.AddJobHandler<ApprovalPlanJobHandler>(ApprovalJobKinds.Plan);

        // The decorator: each gated kind's registration now names ApprovalGate<its handler>, which the container
        // builds with the original handler inside. The handlers themselves know nothing of approvals.
        services.AddScoped(typeof(ApprovalGate<>));
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i].ImplementationInstance is JobHandlerRegistration registration
                && ApprovalJobKinds.Gated.Contains(registration.Kind)
                && !(registration.HandlerType.IsGenericType && registration.HandlerType.GetGenericTypeDefinition() == typeof(ApprovalGate<>)))
            {
                services[i] = ServiceDescriptor.Singleton(registration with { HandlerType = typeof(ApprovalGate<>).MakeGenericType(registration.HandlerType) });
            }
        }

        return services;
    }
}
