using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Provisioning.Environments;

namespace Portal.Provisioning.Access;

/// <summary><see cref="IAccountService"/> over the Users table with ASP.NET Core Identity's password hasher.</summary>
public sealed class AccountService(
    IDbContextFactory<PortalDbContext> contextFactory,
    AccessAuditor auditor,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    ILogger<AccountService> logger) : IAccountService
{
    private static readonly PasswordHasher<UserAccount> s_hasher = new();

    // A hash to verify against when the user does not exist, so an unknown name costs as much as a wrong password.
    private static readonly Lazy<string> s_dummyHash = new(() => s_hasher.HashPassword(new UserAccount { Name = "-" }, Guid.NewGuid().ToString()));

    public async Task<SignInResult> SignInAsync(string? name, string? password, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = name.Length == 0 ? null : await context.Users.FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
        var now = clock.GetUtcNow();
        SignInResult result;
        // Every refusal says the same (SignInOutcomeText.Failed) and costs a hash check, so neither the answer nor its
        // time tells whether a name exists, is disabled or locked; the outcome (audit, log) stays specific.
        if (user?.PasswordHash is null)
        {
            s_hasher.VerifyHashedPassword(new UserAccount { Name = "-" }, s_dummyHash.Value, password ?? "");
            result = new SignInResult(SignInOutcome.Failed, null, SignInOutcomeText.Failed);
        }
        else if (user.Disabled || PortalRoleNames.Parse(user.Roles) == PortalRoles.None)
        {
            s_hasher.VerifyHashedPassword(new UserAccount { Name = "-" }, s_dummyHash.Value, password ?? "");
            result = new SignInResult(SignInOutcome.Disabled, null, SignInOutcomeText.Failed);
        }
        else if (user.LockedOutUntil is { } until && until > now)
        {
            s_hasher.VerifyHashedPassword(new UserAccount { Name = "-" }, s_dummyHash.Value, password ?? "");
            result = new SignInResult(SignInOutcome.LockedOut, null, SignInOutcomeText.Failed);
        }
        else
        {
            var verdict = s_hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "");
            if (verdict == PasswordVerificationResult.Failed)
            {
                user.FailedSignInCount++;
                if (user.FailedSignInCount >= options.Value.MaxFailedSignIns)
                {
                    user.LockedOutUntil = now + options.Value.LockoutDuration;
                    AccessLog.LockedOut(logger, user.Name, user.LockedOutUntil.Value, user.FailedSignInCount);
                    user.FailedSignInCount = 0;
                    result = new SignInResult(SignInOutcome.LockedOut, null, SignInOutcomeText.Failed);
                }
                else
                {
                    result = new SignInResult(SignInOutcome.Failed, null, SignInOutcomeText.Failed);
                }
            }
            else
            {
                if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
                {
                    user.PasswordHash = s_hasher.HashPassword(user, password!);
                }

                user.FailedSignInCount = 0;
                user.LockedOutUntil = null;
                user.LastSignInAt = now;
                result = new SignInResult(SignInOutcome.Succeeded, ToSummary(user), "Signed in.");
            }
        }

        if (!result.Succeeded)
        {
            AccessLog.SignInFailed(logger, name, remoteAddress, result.Outcome);
        }

        var outcome = result.Outcome switch
        {
            SignInOutcome.Succeeded => "succeeded",
            SignInOutcome.LockedOut => "locked-out",
            SignInOutcome.Disabled => "disabled",
            _ => "failed",
        };
        context.AuditEntries.Add(auditor.Entry(user?.Name ?? (name.Length == 0 ? "-" : name), remoteAddress, "auth.signin", $"user/{user?.Name ?? name}", outcome, null));
        await context.SaveChangesAsync(cancellationToken);
        return result;
    }

    public Task RecordSignOutAsync(ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return auditor.RecordAsync(actor.Name, actor.RemoteAddress, "auth.signout", $"user/{actor.Name}", "succeeded", null, cancellationToken: cancellationToken);
    }

    public async Task<UserSummary?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await context.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
        return user is null ? null : ToSummary(user);
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!PortalPermissions.Allows(actor.Roles, PortalAction.ManageUsers))
        {
            return [];
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var users = await context.Users.AsNoTracking().OrderBy(u => u.Name).ToListAsync(cancellationToken);
        return [.. users.Select(ToSummary)];
    }

    public async Task<AccountCommandResult> AddAsync(string? name, string? password, PortalRoles roles, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await DenyAsync(actor, "user.add", $"user/{name}", cancellationToken) is { } denied)
        {
            return denied;
        }

        name = name?.Trim();
        if (AccountNameRules.Validate(name) is { } nameError)
        {
            return AccountCommandResult.Invalid("name", nameError);
        }

        if (PasswordRules.Validate(name, password) is { } passwordError)
        {
            return AccountCommandResult.Invalid("password", passwordError);
        }

        if (roles == PortalRoles.None)
        {
            return AccountCommandResult.Invalid("roles", "Give the user at least one role.");
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await context.Users.AnyAsync(u => u.Name == name, cancellationToken))
        {
            return AccountCommandResult.Invalid("name", $"A user named '{name}' already exists.");
        }

        var user = NewUser(name!, roles, "local");
        user.PasswordHash = s_hasher.HashPassword(user, password!);
        context.Users.Add(user);
        context.AuditEntries.Add(auditor.Entry(actor.Name, actor.RemoteAddress, "user.add", $"user/{user.Name}", "succeeded", new { roles = PortalRoleNames.Format(roles) }));
        await context.SaveChangesAsync(cancellationToken);
        return AccountCommandResult.Done($"User '{user.Name}' added.");
    }

    public async Task<AccountCommandResult> SetPasswordAsync(string name, string? password, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await DenyAsync(actor, "user.password", $"user/{name}", cancellationToken) is { } denied)
        {
            return denied;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await context.Users.FirstOrDefaultAsync(u => u.Name == name, cancellationToken) is not { } user)
        {
            return AccountCommandResult.NotFound($"No user named '{name}'.");
        }

        if (PasswordRules.Validate(user.Name, password) is { } passwordError)
        {
            return AccountCommandResult.Invalid("password", passwordError);
        }

        user.PasswordHash = s_hasher.HashPassword(user, password!);
        user.FailedSignInCount = 0;
        user.LockedOutUntil = null;
        user.SecurityStamp = NewStamp();
        context.AuditEntries.Add(auditor.Entry(actor.Name, actor.RemoteAddress, "user.password", $"user/{user.Name}", "succeeded", null));
        await context.SaveChangesAsync(cancellationToken);
        return AccountCommandResult.Done($"Password of '{user.Name}' set; their sessions are signed out.");
    }

    public async Task<AccountCommandResult> SetDisabledAsync(string name, bool disabled, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var action = disabled ? "user.disable" : "user.enable";
        if (await DenyAsync(actor, action, $"user/{name}", cancellationToken) is { } denied)
        {
            return denied;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await context.Users.FirstOrDefaultAsync(u => u.Name == name, cancellationToken) is not { } user)
        {
            return AccountCommandResult.NotFound($"No user named '{name}'.");
        }

        if (disabled && string.Equals(user.Name, actor.Name, StringComparison.OrdinalIgnoreCase))
        {
            return AccountCommandResult.Invalid("name", "You cannot disable yourself.");
        }

        user.Disabled = disabled;
        user.SecurityStamp = NewStamp();
        context.AuditEntries.Add(auditor.Entry(actor.Name, actor.RemoteAddress, action, $"user/{user.Name}", "succeeded", null));
        await context.SaveChangesAsync(cancellationToken);
        return AccountCommandResult.Done(disabled ? $"'{user.Name}' is disabled: their API tokens stop at once, browser sessions at their next request or within {options.Value.CircuitRevalidationInterval.TotalSeconds:0} seconds in an open page." : $"'{user.Name}' is enabled.");
    }

    public async Task<UserSummary> EnsureExternalUserAsync(string name, PortalRoles roles, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await context.Users.FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
        var roleText = PortalRoleNames.Format(roles);
        if (user is null)
        {
            user = NewUser(name, roles, "trusted-header");
            context.Users.Add(user);
        }
        else if (user.Roles == roleText)
        {
            return ToSummary(user);
        }
        else
        {
            // A role change (the proxy's groups changed) rotates the stamp like any other change of what the user may do.
            user.Roles = roleText;
            user.SecurityStamp = NewStamp();
        }

        user.LastSignInAt = clock.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken);
        return ToSummary(user);
    }

    /// <summary>The <see cref="UserSummary.Source"/> of the sandbox's demo users (disabled when the data directory runs live).</summary>
    public const string SandboxDemoSource = "sandbox-demo";

    /// <summary>Creates a user without an actor's permission check: the initial admin, sandbox demo users and the command line.</summary>
    internal async Task<bool> SeedAsync(string name, string password, PortalRoles roles, string source, string actor, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await context.Users.AnyAsync(u => u.Name == name, cancellationToken))
        {
            return false;
        }

        var user = NewUser(name, roles, source);
        user.PasswordHash = s_hasher.HashPassword(user, password);
        context.Users.Add(user);
        context.AuditEntries.Add(auditor.Entry(actor, null, "user.add", $"user/{name}", "succeeded", new { roles = PortalRoleNames.Format(roles) }));
        await context.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Live mode: disables every enabled sandbox demo user (their passwords are public), audited as <c>user.disable</c> by
    /// <c>system</c>. Demo users made before they had their own source are recognised by name and their demo password.
    /// </summary>
    internal async Task<IReadOnlyList<string>> DisableSandboxDemoUsersAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var demoNames = AccountBootstrapper.DemoUsers.Select(d => d.Name).ToList();
        var candidates = await context.Users.Where(u => !u.Disabled && (u.Source == SandboxDemoSource || demoNames.Contains(u.Name))).ToListAsync(cancellationToken);
        var disabled = new List<string>();
        foreach (var user in candidates)
        {
            if (user.Source != SandboxDemoSource
                && (user.PasswordHash is null
                    || s_hasher.VerifyHashedPassword(user, user.PasswordHash, AccountBootstrapper.DemoPassword(user.Name)) == PasswordVerificationResult.Failed))
            {
                continue;
            }

            user.Disabled = true;
            user.SecurityStamp = NewStamp();
            context.AuditEntries.Add(auditor.Entry("system", null, "user.disable", $"user/{user.Name}", "succeeded",
                new { reason = "A sandbox demo user (public password) in live mode." }));
            disabled.Add(user.Name);
        }

        await context.SaveChangesAsync(cancellationToken);
        return disabled;
    }

    /// <summary>
    /// The initial admin: created, or, when a disabled sandbox demo user has the name, made of it (new password, Admin,
    /// enabled, source <c>local</c>). False when another user already has the name.
    /// </summary>
    internal async Task<bool> SeedInitialAdminAsync(string name, string password, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await context.Users.FirstOrDefaultAsync(u => u.Name == name, cancellationToken) is not { } user)
        {
            return await SeedAsync(name, password, PortalRoles.Admin, "local", "system", cancellationToken);
        }

        if (user.Source != SandboxDemoSource || !user.Disabled)
        {
            return false;
        }

        user.PasswordHash = s_hasher.HashPassword(user, password);
        user.Roles = PortalRoleNames.Format(PortalRoles.Admin);
        user.Source = "local";
        user.Disabled = false;
        user.FailedSignInCount = 0;
        user.LockedOutUntil = null;
        user.SecurityStamp = NewStamp();
        context.AuditEntries.Add(auditor.Entry("system", null, "user.enable", $"user/{name}", "succeeded",
            new { reason = "Auth:InitialAdmin takes over the disabled sandbox demo user's name.", roles = user.Roles }));
        await context.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> AnyEnabledUserAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Users.AnyAsync(u => !u.Disabled, cancellationToken);
    }

    private async Task<AccountCommandResult?> DenyAsync(ActorContext actor, string action, string target, CancellationToken cancellationToken)
    {
        var decision = PortalPermissions.Check(actor.Roles, PortalAction.ManageUsers);
        if (decision.Allowed)
        {
            return null;
        }

        AccessLog.Denied(logger, actor.Name, PortalRoleNames.Format(actor.Roles), action, target, decision.Reason!);
        await auditor.RecordDeniedAsync(actor, action, target, null, decision.Reason!, cancellationToken);
        return AccountCommandResult.Forbidden(decision.Reason!);
    }

    private UserAccount NewUser(string name, PortalRoles roles, string source) => new()
    {
        Name = name,
        Roles = PortalRoleNames.Format(roles),
        Source = source,
        CreatedAt = clock.GetUtcNow(),
        SecurityStamp = NewStamp(),
    };

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static UserSummary ToSummary(UserAccount u) =>
        new(u.Id, u.Name, PortalRoleNames.Parse(u.Roles), u.Disabled, u.Source, u.CreatedAt, u.LastSignInAt, u.LockedOutUntil, u.SecurityStamp);
}
