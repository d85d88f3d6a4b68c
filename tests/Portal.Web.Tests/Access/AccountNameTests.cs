using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Access;

namespace Portal.Web.Tests.Access;

/// <summary>The names the portal acts under cannot be taken by an account.</summary>
public sealed class AccountNameTests
{
    [Theory]
    [InlineData("bootstrap")]
    [InlineData("system")]
    [InlineData("Anonymous")]
    public async Task ReservedNames_AreRefusedByTheRulesAndWhenAdding(string name)
    {
        Assert.Contains("reserved", AccountNameRules.Validate(name), StringComparison.Ordinal);

        await using var factory = new PortalWebFactory();
        var result = await factory.Services.GetRequiredService<IAccountService>()
            .AddAsync(name, "a-long-enough-password-5", PortalRoles.Viewer, AccessTestData.Actor(PortalRoles.Admin));
        Assert.Equal(AccountCommandStatus.Invalid, result.Status);
        Assert.Null(await factory.Services.GetRequiredService<IAccountService>().FindAsync(name));
    }

    [Fact]
    public void OrdinaryNames_AreFine() => Assert.Null(AccountNameRules.Validate("systems.team"));

    [Fact]
    public async Task AUserWithNoRole_IsRefused()
    {
        await using var factory = new PortalWebFactory();
        var result = await factory.Services.GetRequiredService<IAccountService>()
            .AddAsync("norole", "a-long-enough-password-5", PortalRoles.None, AccessTestData.Actor(PortalRoles.Admin));
        Assert.Equal(AccountCommandStatus.Invalid, result.Status);
        Assert.Contains("roles", result.Errors.Keys);
    }
}
