using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Provisioning.Access;

/// <summary>
/// At startup, after the database is migrated: in sandbox mode, the demo users of each role (source
/// <see cref="AccountService.SandboxDemoSource"/>); in live mode, any such user left from a sandbox run on the same data
/// directory is disabled. Then the initial admin from configuration when no enabled user exists, or a warning that says
/// how to create one. Live mode never gets a default password.
/// </summary>
public sealed class AccountBootstrapper(
    AccountService accounts,
    DatabaseInitializer database,
    IOptions<PortalOptions> portal,
    IOptions<AuthOptions> auth,
    ILogger<AccountBootstrapper> logger) : IHostedService
{
    /// <summary>The sandbox's demo users: name, roles. Each one's password is <c>&lt;name&gt;-demo-pass</c>.</summary>
    public static IReadOnlyList<(string Name, PortalRoles Roles)> DemoUsers { get; } =
    [
        ("viewer", PortalRoles.Viewer),
        ("operator", PortalRoles.Operator),
        ("operator2", PortalRoles.Operator),
        ("approver", PortalRoles.Approver),
        ("approver2", PortalRoles.Approver),
        ("admin", PortalRoles.Admin),
    ];

    public static string DemoPassword(string name) => $"{name}-demo-pass";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.Completion.WaitAsync(cancellationToken);
        if (portal.Value.Mode == PortalMode.Sandbox)
        {
            foreach (var (name, roles) in DemoUsers)
            {
                if (await accounts.SeedAsync(name, DemoPassword(name), roles, AccountService.SandboxDemoSource, "system", cancellationToken))
                {
                    AccessLog.UserSeeded(logger, "sandbox demo", name, PortalRoleNames.Format(roles));
                }
            }
        }
        else
        {
            foreach (var name in await accounts.DisableSandboxDemoUsersAsync(cancellationToken))
            {
                AccessLog.DemoUserDisabled(logger, name);
            }
        }

        if (await accounts.AnyEnabledUserAsync(cancellationToken))
        {
            return;
        }

        var admin = auth.Value.InitialAdmin;
        if (!string.IsNullOrEmpty(admin.Name) && !string.IsNullOrEmpty(admin.Password))
        {
            if (await accounts.SeedInitialAdminAsync(admin.Name, admin.Password, cancellationToken))
            {
                AccessLog.UserSeeded(logger, "initial admin", admin.Name, nameof(PortalRoles.Admin));
            }
            else
            {
                AccessLog.InitialAdminNameTaken(logger, admin.Name);
            }
        }
        else if (auth.Value.Mode == AuthMode.Local)
        {
            AccessLog.NoUsers(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
