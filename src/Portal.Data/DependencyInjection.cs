using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Data.Audit;
using Portal.Data.Interceptors;
using Portal.Data.Queries;
using Portal.Data.Redaction;

namespace Portal.Data;

public static class DependencyInjection
{
    /// <summary>SQLite through EF Core (a context factory only), the audit chain, read-model queries and the database initializer.</summary>
    public static IHostApplicationBuilder AddPortalData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalOptions>, PortalOptionsValidator>();
        services.TryAddSingletonTimeProvider();

        services.AddSingleton<ISecretRedactor, SecretRedactor>();
        services.AddSingleton<AuditChainInterceptor>();
        services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory>();

        services.AddSingleton<DataDirectoryLock>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseInitializer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, ["ready"]);

        services.AddSingleton<AuditChainVerifier>();
        services.AddSingleton<IAuditQueryService, AuditQueryService>();
        services.AddSingleton<AuditExporter>();
        services.AddSingleton<IJobQueryService, JobQueryService>();
        services.AddSingleton<IEnvironmentQueryService, EnvironmentQueryService>();
        services.AddSingleton<IReleaseQueryService, ReleaseQueryService>();
        return builder;
    }

    public static string CreateConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        ForeignKeys = true,
        Pooling = true,
        Cache = SqliteCacheMode.Private,
    }.ToString();

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
