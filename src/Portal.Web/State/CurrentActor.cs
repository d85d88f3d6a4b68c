using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Provisioning.Access;
using Portal.Provisioning.Environments;
using Portal.Web.Authentication;

namespace Portal.Web.State;

/// <summary>
/// Who is acting in this request or circuit: the authenticated user's name and roles and the client address. A request
/// fills it after authentication; a circuit fills it when it starts (<c>Routes</c>, from the circuit's user and the
/// address the page was loaded from) and follows the circuit's authentication state afterwards: when revalidation
/// finds the user disabled, reset or changed, the state turns anonymous and so does this (no roles), so services deny
/// at once. Services record it and check its roles.
/// </summary>
public sealed class CurrentActor : IDisposable
{
    private readonly AuthenticationStateProvider _authentication;

    public CurrentActor(AuthenticationStateProvider authentication)
    {
        _authentication = authentication;
        _authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    public const string Anonymous = "anonymous";

    public string Name { get; private set; } = Anonymous;

    public PortalRoles Roles { get; private set; }

    public string? RemoteAddress { get; private set; }

    public bool IsAuthenticated { get; private set; }

    public void Set(ClaimsPrincipal? user, string? remoteAddress)
    {
        IsAuthenticated = user?.Identity?.IsAuthenticated == true;
        Name = IsAuthenticated ? user!.Identity!.Name ?? Anonymous : Anonymous;
        Roles = user is null ? PortalRoles.None : PortalClaims.RolesOf(user);
        RemoteAddress = remoteAddress ?? RemoteAddress;
    }

    public void Dispose()
    {
        _authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> task) => _ = FollowAsync(task);

    private async Task FollowAsync(Task<AuthenticationState> task)
    {
        try
        {
            Set((await task).User, null);
        }
        catch (Exception) when (!task.IsCompletedSuccessfully)
        {
            // No state to follow: take away the rights rather than keep the old ones.
            Set(null, null);
        }
    }

    /// <summary>Whether the user may do <paramref name="action"/> (the UI hides what this says no to; the services check again).</summary>
    public bool Can(PortalAction action, Portal.Data.Entities.EnvironmentClass? environmentClass = null) =>
        PortalPermissions.Allows(Roles, action, environmentClass);

    /// <summary>The actor as the services record it on jobs and audit entries and check its roles.</summary>
    public ActorContext ToActorContext() => new(Name, RemoteAddress) { Roles = Roles };
}
