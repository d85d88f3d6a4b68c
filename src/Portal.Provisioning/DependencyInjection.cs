using Microsoft.Extensions.Hosting;
using Portal.Provisioning.Jobs;

namespace Portal.Provisioning;

public static class DependencyInjection
{
    /// <summary>The job queue and worker, and the handlers of every job kind.</summary>
    public static IHostApplicationBuilder AddPortalProvisioning(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPortalJobs();
        builder.Services.AddJobHandler<SelfTestJobHandler>(SelfTestJobHandler.Kind, isIdempotent: true, maxAttempts: 2);
        return builder;
    }
}
