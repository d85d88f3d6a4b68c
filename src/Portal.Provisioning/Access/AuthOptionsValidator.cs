using System.Net;
using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Access;

/// <summary>Lists every problem of the <c>Auth</c> section at startup.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxFailedSignIns is < 1 or > 100)
        {
            errors.Add("Auth:MaxFailedSignIns must be between 1 and 100.");
        }

        if (options.LockoutDuration <= TimeSpan.Zero)
        {
            errors.Add("Auth:LockoutDuration must be positive.");
        }

        if (options.CookieLifetime < TimeSpan.FromMinutes(1))
        {
            errors.Add("Auth:CookieLifetime must be at least a minute.");
        }

        if (options.CircuitRevalidationInterval < TimeSpan.FromSeconds(1) || options.CircuitRevalidationInterval > TimeSpan.FromHours(1))
        {
            errors.Add("Auth:CircuitRevalidationInterval must be between 00:00:01 and 01:00:00.");
        }

        if (options.SignInPermitsPerMinute < 1 || options.ApiPermitsPerMinute < 1)
        {
            errors.Add("Auth:SignInPermitsPerMinute and Auth:ApiPermitsPerMinute must be at least 1.");
        }

        if (options.BootstrapToken is { } token && token.Length < 32)
        {
            errors.Add("Auth:BootstrapToken must be at least 32 characters (use 32 random bytes, base64).");
        }

        var admin = options.InitialAdmin;
        if (string.IsNullOrEmpty(admin.Name) != string.IsNullOrEmpty(admin.Password))
        {
            errors.Add("Auth:InitialAdmin needs both Name and Password.");
        }
        else if (!string.IsNullOrEmpty(admin.Name))
        {
            if (AccountNameRules.Validate(admin.Name) is { } nameError)
            {
                errors.Add($"Auth:InitialAdmin:Name: {nameError}");
            }

            if (PasswordRules.Validate(admin.Name, admin.Password) is { } passwordError)
            {
                errors.Add($"Auth:InitialAdmin:Password: {passwordError}");
            }
        }

        var header = options.TrustedHeader;
        foreach (var (group, roles) in header.GroupRoles)
        {
            if (!PortalRoleNames.TryParse(roles, out _, out var unknown))
            {
                errors.Add($"Auth:TrustedHeader:GroupRoles:{group}: '{unknown}' is not a role (Viewer, Operator, Approver, Admin).");
            }
        }

        foreach (var proxy in header.TrustedProxies)
        {
            if (!IPNetwork.TryParse(proxy, out _) && !IPAddress.TryParse(proxy, out _))
            {
                errors.Add($"Auth:TrustedHeader:TrustedProxies: '{proxy}' is not an address or a CIDR range.");
            }
        }

        foreach (var proxy in options.ForwardedHeadersProxies)
        {
            if (!IPNetwork.TryParse(proxy, out _) && !IPAddress.TryParse(proxy, out _))
            {
                errors.Add($"Auth:ForwardedHeadersProxies: '{proxy}' is not an address or a CIDR range.");
            }
        }

        if (options.Mode == AuthMode.TrustedHeader)
        {
            if (header.TrustedProxies.Count == 0)
            {
                errors.Add("Auth:TrustedHeader:TrustedProxies must name the proxy's address(es) when Auth:Mode is TrustedHeader.");
            }

            if (string.IsNullOrWhiteSpace(header.UserHeader) || string.IsNullOrWhiteSpace(header.GroupsHeader))
            {
                errors.Add("Auth:TrustedHeader:UserHeader and GroupsHeader must not be empty.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
