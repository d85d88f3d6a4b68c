using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data.Interceptors;

namespace Portal.Data;

/// <summary>
/// Creates one short-lived context per operation. The options are built on first use rather than when the factory
/// is constructed: hosted services that depend on it are constructed before the host validates configuration, and
/// reading Portal options there would report only the first configuration error instead of all of them.
/// </summary>
public sealed class PortalDbContextFactory : IDbContextFactory<PortalDbContext>
{
    private readonly Lazy<DbContextOptions<PortalDbContext>> _options;

    public PortalDbContextFactory(IOptions<PortalOptions> portal, AuditChainInterceptor auditChain) =>
        _options = new Lazy<DbContextOptions<PortalDbContext>>(() => Build(portal.Value, auditChain));

    public PortalDbContext CreateDbContext() => new(_options.Value);

    private static DbContextOptions<PortalDbContext> Build(PortalOptions portal, AuditChainInterceptor auditChain)
    {
        Directory.CreateDirectory(portal.DataDirectoryFullPath);
        return new DbContextOptionsBuilder<PortalDbContext>()
            .UseSqlite(DependencyInjection.CreateConnectionString(portal.DatabasePath))
            .AddInterceptors(new SqlitePragmaInterceptor(portal.DatabaseBusyTimeoutMilliseconds), auditChain)
            .Options;
    }
}
