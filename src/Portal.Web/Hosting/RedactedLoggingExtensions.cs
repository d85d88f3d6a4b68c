using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Data.Redaction;

namespace Portal.Web.Hosting;

public static class RedactedLoggingExtensions
{
    /// <summary>
    /// Builds the logger factory from every registered provider wrapped in a <see cref="RedactingLoggerProvider"/>,
    /// including providers registered after this call (the factory is built when first resolved). Filters set per
    /// provider alias no longer apply; the portal's configuration uses only the global <c>Logging:LogLevel</c> rules.
    /// </summary>
    public static IServiceCollection AddSecretRedactionToLogging(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new LoggerFactory(
            sp.GetServices<ILoggerProvider>().Select(p => new RedactingLoggerProvider(p, sp.GetRequiredService<ISecretRedactor>())),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>())));
        return services;
    }
}
