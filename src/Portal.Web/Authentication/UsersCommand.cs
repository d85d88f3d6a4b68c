using Portal.Data;
using Portal.Provisioning.Access;
using Portal.Provisioning.Environments;
using Portal.Web.Hosting;

namespace Portal.Web.Authentication;

/// <summary>
/// <c>Portal.Web users add|list|set-password|disable</c>: manages accounts in the configured data directory and exits
/// without starting the web host. Passwords are read from standard input (<c>--password-stdin</c>), never from arguments.
/// Other arguments (<c>--Portal:DataDirectory=/srv/portal</c>) are configuration, as for the portal itself.
/// </summary>
public static class UsersCommand
{
    private const string Usage = """
        usage: Portal.Web users add <name> --role <Viewer|Operator|Approver|Admin> [--role ...] --password-stdin
               Portal.Web users list
               Portal.Web users set-password <name> --password-stdin
               Portal.Web users disable <name>
               Portal.Web users enable <name>
        (configuration such as --Portal:DataDirectory=<dir> may follow)
        """;

    public static bool Matches(string[] args) => args is ["users", ..];

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var positional = new List<string>();
        var configuration = new List<string>();
        var roles = PortalRoles.None;
        var passwordFromStdin = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--role" when i + 1 < args.Length:
                    if (!PortalRoleNames.TryParse(args[++i], out var role, out var unknown))
                    {
                        await error.WriteLineAsync($"'{unknown}' is not a role: use Viewer, Operator, Approver or Admin.");
                        return 2;
                    }

                    roles |= role;
                    break;
                case "--password-stdin":
                    passwordFromStdin = true;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    configuration.Add(option);
                    if (!option.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                    {
                        configuration.Add(args[++i]);
                    }

                    break;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        var builder = WebApplication.CreateBuilder([.. configuration]);
        builder.AddRepositoryAppSettings();
        builder.Logging.ClearProviders();
        builder.AddPortalData();
        builder.Services.AddPortalAccess();
        await using var app = builder.Build();
        await PrepareDatabaseAsync(app, error);
        var accounts = app.Services.GetRequiredService<IAccountService>();
        var actor = new ActorContext($"cli:{Environment.UserName}", null) { Roles = PortalRoles.Admin };

        AccountCommandResult result;
        switch (positional)
        {
            case ["list"]:
                foreach (var user in await accounts.ListAsync(actor))
                {
                    await output.WriteLineAsync($"{user.Name,-24} {PortalRoleNames.Format(user.Roles),-32} {(user.Disabled ? "disabled" : "active"),-9} {user.Source}");
                }

                return 0;
            case ["add", var name] when passwordFromStdin:
                result = await accounts.AddAsync(name, await ReadPasswordAsync(input), roles, actor);
                break;
            case ["set-password", var name] when passwordFromStdin:
                result = await accounts.SetPasswordAsync(name, await ReadPasswordAsync(input), actor);
                break;
            case ["disable", var name]:
                result = await accounts.SetDisabledAsync(name, true, actor);
                break;
            case ["enable", var name]:
                result = await accounts.SetDisabledAsync(name, false, actor);
                break;
            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }

        if (!result.Succeeded)
        {
            await error.WriteLineAsync(result.Message);
            return 1;
        }

        await output.WriteLineAsync(result.Message);
        return 0;
    }

    private static async Task<string?> ReadPasswordAsync(TextReader input) => (await input.ReadLineAsync())?.TrimEnd('\r');

    /// <summary>Migrates the database when no portal holds the data directory; when one does, it has migrated already.</summary>
    private static async Task PrepareDatabaseAsync(WebApplication app, TextWriter error)
    {
        try
        {
            await app.Services.GetRequiredService<DatabaseInitializer>().StartAsync(CancellationToken.None);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("Another Portal process", StringComparison.Ordinal))
        {
            await error.WriteLineAsync("A portal is running on this data directory; changing its users alongside it.");
        }
    }
}
