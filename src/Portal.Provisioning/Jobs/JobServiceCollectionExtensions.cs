using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Jobs;

public static class JobServiceCollectionExtensions
{
    public static IServiceCollection AddPortalJobs(this IServiceCollection services)
    {
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobOptions>, JobOptionsValidator>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobRecovery>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<RunningJobs>();
        services.AddSingleton<JobUpdatesNotifier>();
        // The queue and worker take internal collaborators, so they are built here rather than by reflection.
        services.AddSingleton<IJobQueue>(p => new JobQueue(
            p.GetRequiredService<IDbContextFactory<PortalDbContext>>(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<JobStore>(),
            p.GetRequiredService<JobSignal>(), p.GetRequiredService<JobUpdatesNotifier>(), p.GetRequiredService<RunningJobs>(),
            p.GetServices<JobHandlerRegistration>()));
        services.AddSingleton(p => new JobWorker(
            p.GetRequiredService<IServiceScopeFactory>(), p.GetRequiredService<DatabaseInitializer>(), p.GetRequiredService<JobStore>(),
            p.GetRequiredService<JobRecovery>(), p.GetRequiredService<JobSignal>(), p.GetRequiredService<JobUpdatesNotifier>(),
            p.GetRequiredService<RunningJobs>(), p.GetServices<JobHandlerRegistration>(), p.GetRequiredService<IOptions<JobOptions>>(),
            p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<JobWorker>>()));
        services.AddHostedService(provider => provider.GetRequiredService<JobWorker>());
        services.AddHealthChecks().AddCheck<JobWorkerHealthCheck>("worker", HealthStatus.Unhealthy, ["ready"]);
        return services;
    }

    /// <summary>Registers the handler of one job kind. Only idempotent handlers are retried, up to <paramref name="maxAttempts"/>.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services, string kind, bool isIdempotent = false, int maxAttempts = 1)
        where THandler : class, IJobHandler
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new JobHandlerRegistration(kind, typeof(THandler), isIdempotent, maxAttempts));
        return services;
    }
}
