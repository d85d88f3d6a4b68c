using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Access;

internal static partial class AccessLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Sign-in failed for '{Name}' from {RemoteAddress}: {Outcome}")]
    public static partial void SignInFailed(ILogger logger, string name, string? remoteAddress, SignInOutcome outcome);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "'{Name}' is locked out until {Until} after {Count} failed sign-ins")]
    public static partial void LockedOut(ILogger logger, string name, DateTimeOffset until, int count);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Created the {Kind} user '{Name}' with roles {Roles}")]
    public static partial void UserSeeded(ILogger logger, string kind, string name, string roles);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "No user can sign in yet. Create the first admin: set Auth:InitialAdmin:Name and Auth:InitialAdmin:Password, or run `dotnet run --project src/Portal.Web -- users add <name> --role Admin --password-stdin` with the same data directory.")]
    public static partial void NoUsers(ILogger logger);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Denied: {Actor} ({Roles}) tried {Action} on {Target}: {Reason}")]
    public static partial void Denied(ILogger logger, string actor, string roles, string action, string target, string reason);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Disabled the sandbox demo user '{Name}': its password is public and the portal runs in live mode")]
    public static partial void DemoUserDisabled(ILogger logger, string name);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Auth:InitialAdmin was not applied: a user named '{Name}' exists (disabled). Enable it or choose another name.")]
    public static partial void InitialAdminNameTaken(ILogger logger, string name);
}
