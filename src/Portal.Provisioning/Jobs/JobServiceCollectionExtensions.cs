using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Data;

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

        // JobQueue and JobWorker take internal collaborators, so their constructors are internal, and the container
        // only calls public constructors: build them here.
        services.AddSingleton<IJobQueue>(provider => new JobQueue(
            provider.GetRequiredService<IDbContextFactory<PortalDbContext>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<JobStore>(),
            provider.GetRequiredService<JobSignal>(),
            provider.GetRequiredService<JobUpdatesNotifier>(),
            provider.GetRequiredService<RunningJobs>(),
            provider.GetServices<JobHandlerRegistration>()));
        services.AddSingleton(provider => new JobWorker(
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<DatabaseInitializer>(),
            provider.GetRequiredService<JobStore>(),
            provider.GetRequiredService<JobRecovery>(),
            provider.GetRequiredService<JobSignal>(),
            provider.GetRequiredService<JobUpdatesNotifier>(),
            provider.GetRequiredService<RunningJobs>(),
            provider.GetServices<JobHandlerRegistration>(),
            provider.GetRequiredService<IOptions<JobOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<JobWorker>>()));
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
