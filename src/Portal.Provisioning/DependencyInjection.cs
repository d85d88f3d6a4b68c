using Microsoft.Extensions.Hosting;
using Portal.Provisioning.Access;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Pulumi;
using Portal.Provisioning.Secrets;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning;

public static class DependencyInjection
{
    /// <summary>The job queue and worker, the handlers of every job kind, and the seams to Pulumi and Kubernetes.</summary>
    public static IHostApplicationBuilder AddPortalProvisioning(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPortalAccess();
        builder.Services.AddPortalJobs();
        builder.Services.AddPortalPulumi();
        builder.Services.AddPortalKubernetes();
        builder.Services.AddPortalTemplates();
        builder.Services.AddPortalEnvironments();
        builder.AddPortalKeyEncryption();
        builder.Services.AddJobHandler<SelfTestJobHandler>(SelfTestJobHandler.Kind, isIdempotent: true, maxAttempts: 2);

        // Last: it wraps the handlers of the gated job kinds registered above.
        builder.Services.AddPortalApprovals();
        return builder;
    }
}
