using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>The <c>Auth</c> options, accounts, API tokens and the access checks and their audit.</summary>
    public static IServiceCollection AddPortalAccess(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<AccessAuditor>();
        services.AddSingleton<AccessGuard>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<IAccountService>(provider => provider.GetRequiredService<AccountService>());
        services.AddSingleton<IApiTokenService, ApiTokenService>();
        services.AddSingleton<IJobControlService, JobControlService>();
        return services;
    }

    /// <summary>At startup, the sandbox's demo users or the initial admin (the web host only: not job hosts or the users command).</summary>
    public static IServiceCollection AddPortalAccountSeeding(this IServiceCollection services) =>
        services.AddHostedService<AccountBootstrapper>();
}
