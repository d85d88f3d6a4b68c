using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>The <c>Auth</c> options, accounts, API tokens, access audit and the startup seeding of users.</summary>
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
        services.AddHostedService<AccountBootstrapper>();
        return services;
    }
}
