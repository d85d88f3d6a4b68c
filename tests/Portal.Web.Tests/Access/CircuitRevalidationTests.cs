using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Access;
using Portal.Web.Authentication;
using Portal.Web.State;

namespace Portal.Web.Tests.Access;

/// <summary>Open circuits re-check their user against the Users table (real SQLite, the sandbox's demo users).</summary>
public sealed class CircuitRevalidationTests
{
    [Fact]
    public async Task CurrentUser_StaysValid_DisabledOrStampChanged_IsNot()
    {
        await using var factory = new PortalWebFactory();
        var accounts = factory.Services.GetRequiredService<IAccountService>();
        var provider = new CircuitAuthenticationStateProvider(NullLoggerFactory.Instance, accounts, factory.Services.GetRequiredService<IOptions<AuthOptions>>());
        var admin = AccessTestData.Actor(PortalRoles.Admin);

        var viewer = await CookiePrincipalAsync(accounts, "viewer");
        var operatorUser = await CookiePrincipalAsync(accounts, "operator");
        Assert.True(await provider.IsStillValidAsync(viewer));
        Assert.True(await provider.IsStillValidAsync(operatorUser));
        Assert.True(await provider.IsStillValidAsync(new ClaimsPrincipal(new ClaimsIdentity())));

        Assert.True((await accounts.SetDisabledAsync("viewer", true, admin)).Succeeded);
        Assert.False(await provider.IsStillValidAsync(viewer));

        // A password reset rotates the stamp: the circuit opened with the old one is signed out.
        Assert.True((await accounts.SetPasswordAsync("operator", "a-brand-new-password-42", admin)).Succeeded);
        Assert.False(await provider.IsStillValidAsync(operatorUser));
        Assert.True(await provider.IsStillValidAsync(await CookiePrincipalAsync(accounts, "operator")));

        // A principal whose roles are no longer the user's is not valid either.
        var stale = PortalClaims.Create("approver", PortalRoles.Admin, PortalAuthenticationSchemes.Cookie,
            new Claim(PortalClaims.SecurityStamp, (await accounts.FindAsync("approver"))!.SecurityStamp));
        Assert.False(await provider.IsStillValidAsync(stale));
    }

    [Fact]
    public async Task TrustedHeaderUser_WhoseGroupsChanged_IsNoLongerValid_AndTheStampRotates()
    {
        await using var factory = new PortalWebFactory();
        var accounts = factory.Services.GetRequiredService<IAccountService>();
        var provider = new CircuitAuthenticationStateProvider(NullLoggerFactory.Instance, accounts, factory.Services.GetRequiredService<IOptions<AuthOptions>>());
        var first = await accounts.EnsureExternalUserAsync("proxy.user", PortalRoles.Operator);
        var principal = PortalClaims.Create("proxy.user", PortalRoles.Operator, PortalAuthenticationSchemes.TrustedHeader);
        Assert.True(await provider.IsStillValidAsync(principal));

        var second = await accounts.EnsureExternalUserAsync("proxy.user", PortalRoles.Viewer);
        Assert.NotEqual(first.SecurityStamp, second.SecurityStamp);
        Assert.False(await provider.IsStillValidAsync(principal));
    }

    [Fact]
    public async Task CurrentActor_FollowsTheStateProvider_ToAnonymousWithNoRoles()
    {
        var provider = new SettableStateProvider();
        using var actor = new CurrentActor(provider);
        actor.Set(PortalClaims.Create("admin", PortalRoles.Admin, PortalAuthenticationSchemes.Cookie), "10.0.0.1");
        Assert.True(actor.Can(PortalAction.ManageUsers));

        provider.Change(new ClaimsPrincipal(new ClaimsIdentity()));
        await provider.Changed;

        Assert.False(actor.IsAuthenticated);
        Assert.Equal(PortalRoles.None, actor.Roles);
        Assert.Equal(CurrentActor.Anonymous, actor.Name);
        Assert.False(actor.Can(PortalAction.ManageUsers));
        Assert.Equal("10.0.0.1", actor.RemoteAddress);
    }

    [Fact]
    public async Task TheRevalidatingProvider_IsTheOneCircuitsAndCurrentActorGet()
    {
        await using var factory = new PortalWebFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var provider = Assert.IsType<CircuitAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        var actor = scope.ServiceProvider.GetRequiredService<CurrentActor>();
        actor.Set(PortalClaims.Create("admin", PortalRoles.Admin, PortalAuthenticationSchemes.Cookie), "10.0.0.1");

        // What the revalidation does when a check fails: the state turns anonymous, and the scope's actor with it.
        ((Microsoft.AspNetCore.Components.Authorization.IHostEnvironmentAuthenticationStateProvider)provider)
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        Assert.Equal(PortalRoles.None, actor.Roles);
    }

    private static async Task<ClaimsPrincipal> CookiePrincipalAsync(IAccountService accounts, string name)
    {
        var user = (await accounts.FindAsync(name))!;
        return PortalClaims.Create(user.Name, user.Roles, PortalAuthenticationSchemes.Cookie, new Claim(PortalClaims.SecurityStamp, user.SecurityStamp));
    }

    private sealed class SettableStateProvider : AuthenticationStateProvider
    {
        private Task<AuthenticationState> _state = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

        public Task Changed => _state;

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => _state;

        public void Change(ClaimsPrincipal user)
        {
            _state = Task.FromResult(new AuthenticationState(user));
            NotifyAuthenticationStateChanged(_state);
        }
    }
}
