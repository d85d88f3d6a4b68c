using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Provisioning.Environments;

namespace Portal.Provisioning.Access;

/// <summary>
/// <see cref="IApiTokenService"/>: tokens are <c>ptl_</c> + 256 random bits (base64url); only their SHA-256 is stored,
/// and the configured bootstrap token is compared by hash in constant time.
/// </summary>
public sealed class ApiTokenService(
    IDbContextFactory<PortalDbContext> contextFactory,
    AccessAuditor auditor,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    ILogger<ApiTokenService> logger) : IApiTokenService
{
    public const string TokenPrefix = "ptl_";

    public const string BootstrapActor = "bootstrap";

    private static readonly TimeSpan s_lastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<ApiTokenCreateResult> CreateAsync(string? name, DateTimeOffset? expiresAt, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        name = name?.Trim();
        if (await DenyAsync(actor, PortalAction.ManageOwnTokens, "token.create", $"token/{name}", cancellationToken) is { } denied)
        {
            return new ApiTokenCreateResult(denied, null, null);
        }

        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            return new ApiTokenCreateResult(AccountCommandResult.Invalid("name", "Give the token a name of 1 to 100 characters (what uses it: 'ci-deploy')."), null, null);
        }

        var now = clock.GetUtcNow();
        if (expiresAt is { } expiry && expiry <= now)
        {
            return new ApiTokenCreateResult(AccountCommandResult.Invalid("expiresAt", "The expiry must be in the future."), null, null);
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await context.Users.FirstOrDefaultAsync(u => u.Name == actor.Name, cancellationToken) is not { } owner)
        {
            return new ApiTokenCreateResult(AccountCommandResult.Invalid("name", $"Tokens belong to users; '{actor.Name}' is not one."), null, null);
        }

        var secret = TokenPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = owner.Id,
            Name = name,
            Prefix = secret[..(TokenPrefix.Length + 6)],
            SecretHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        context.ApiTokens.Add(token);
        await context.SaveChangesAsync(cancellationToken);
        context.AuditEntries.Add(auditor.Entry(actor.Name, actor.RemoteAddress, "token.create", $"token/{token.Id}", "succeeded", new { name, prefix = token.Prefix, expiresAt }));
        await context.SaveChangesAsync(cancellationToken);
        return new ApiTokenCreateResult(AccountCommandResult.Done(), secret, ToSummary(token, owner.Name));
    }

    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(ActorContext actor, bool everyone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (everyone && !PortalPermissions.Allows(actor.Roles, PortalAction.ManageUsers))
        {
            return [];
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = context.ApiTokens.AsNoTracking().Include(t => t.User).AsQueryable();
        if (!everyone)
        {
            query = query.Where(t => t.User!.Name == actor.Name);
        }

        var tokens = await query.OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return [.. tokens.Select(t => ToSummary(t, t.User!.Name))];
    }

    public async Task<AccountCommandResult> RevokeAsync(long tokenId, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var token = await context.ApiTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken);
        var own = token is not null && string.Equals(token.User!.Name, actor.Name, StringComparison.OrdinalIgnoreCase);
        if (await DenyAsync(actor, own ? PortalAction.ManageOwnTokens : PortalAction.ManageUsers, "token.revoke", $"token/{tokenId}", cancellationToken) is { } denied)
        {
            return denied;
        }

        if (token is null)
        {
            return AccountCommandResult.NotFound($"There is no token {tokenId}.");
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow();
            token.RevokedBy = actor.Name;
            context.AuditEntries.Add(auditor.Entry(actor.Name, actor.RemoteAddress, "token.revoke", $"token/{token.Id}", "succeeded", new { token.Name, token.Prefix, owner = token.User!.Name }));
            await context.SaveChangesAsync(cancellationToken);
        }

        return AccountCommandResult.Done($"Token '{token.Name}' revoked.");
    }

    public async Task<TokenIdentity?> AuthenticateAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var hash = Hash(token);
        if (options.Value.BootstrapToken is { Length: > 0 } bootstrap
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(bootstrap))))
        {
            return new TokenIdentity(BootstrapActor, PortalRoles.Admin, null, BootstrapActor);
        }

        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);

        // Looked up by hash (an index seek); the hash of a 256-bit random secret leaks nothing usable through timing.
        var row = await context.ApiTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.SecretHash == hash, cancellationToken);
        var now = clock.GetUtcNow();
        if (row is null || row.RevokedAt is not null || row.ExpiresAt <= now || row.User!.Disabled || PortalRoleNames.Parse(row.User.Roles) == PortalRoles.None)
        {
            return null;
        }

        if (row.LastUsedAt is null || now - row.LastUsedAt >= s_lastUsedResolution)
        {
            row.LastUsedAt = now;
            await context.SaveChangesAsync(cancellationToken);
        }

        return new TokenIdentity(row.User.Name, PortalRoleNames.Parse(row.User.Roles), row.Id, row.Name);
    }

    /// <summary>Lower-case hex SHA-256 of the token text: what the ApiTokens table stores.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<AccountCommandResult?> DenyAsync(ActorContext actor, PortalAction permission, string action, string target, CancellationToken cancellationToken)
    {
        var decision = PortalPermissions.Check(actor.Roles, permission);
        if (decision.Allowed)
        {
            return null;
        }

        AccessLog.Denied(logger, actor.Name, PortalRoleNames.Format(actor.Roles), action, target, decision.Reason!);
        await auditor.RecordDeniedAsync(actor, action, target, null, decision.Reason!, cancellationToken);
        return AccountCommandResult.Forbidden(decision.Reason!);
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ApiTokenSummary ToSummary(ApiToken t, string owner) =>
        new(t.Id, owner, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
}
