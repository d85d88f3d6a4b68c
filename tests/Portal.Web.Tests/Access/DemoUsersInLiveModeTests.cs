using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Access;

namespace Portal.Web.Tests.Access;

/// <summary>A data directory first run in sandbox mode, then live: the demo users (public passwords) stop signing in.</summary>
public sealed class DemoUsersInLiveModeTests
{
    [Fact]
    public async Task LiveMode_DisablesTheSandboxDemoUsers_AuditsIt_AndAppliesTheInitialAdmin()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("portal-demo-live-").FullName;
        try
        {
            await using (var sandbox = new PortalWebFactory(new Dictionary<string, string?> { ["Portal:DataDirectory"] = dataDirectory }))
            {
                sandbox.CreateClient().Dispose();
                var admin = (await sandbox.Services.GetRequiredService<IAccountService>().FindAsync("admin"))!;
                Assert.Equal((AccountService.SandboxDemoSource, false), (admin.Source, admin.Disabled));
            }

            await using var live = new PortalWebFactory(new Dictionary<string, string?>
            {
                ["Portal:DataDirectory"] = dataDirectory,
                ["Portal:Mode"] = "Live",
                ["Pulumi:ConfigPassphrase"] = "test-passphrase",
                ["Auth:InitialAdmin:Name"] = "alice",
                ["Auth:InitialAdmin:Password"] = "alice-has-a-long-password-7",
            });
            using var client = live.CreateAnonymousClient();
            var accounts = live.Services.GetRequiredService<IAccountService>();

            foreach (var (name, _) in AccountBootstrapper.DemoUsers)
            {
                Assert.True((await accounts.FindAsync(name))!.Disabled, name);
            }

            var disables = await live.AuditAsync("user.disable");
            Assert.Equal(AccountBootstrapper.DemoUsers.Select(d => d.Name).Order(), disables.Select(e => e.Target["user/".Length..]).Order());
            Assert.All(disables, e => Assert.Equal("system", e.Actor));
            Assert.All(disables, e => Assert.Contains("live mode", e.DetailsJson, StringComparison.Ordinal));

            var alice = await accounts.FindAsync("alice");
            Assert.Equal((PortalRoles.Admin, false), (alice!.Roles, alice.Disabled));

            var demo = await SignInTests.PostSignInAsync(client, "admin", "admin-demo-pass");
            Assert.Contains("error=", demo.Headers.Location!.ToString(), StringComparison.Ordinal);
            var real = await SignInTests.PostSignInAsync(client, "alice", "alice-has-a-long-password-7");
            Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
            Assert.DoesNotContain("error=", real.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the OS cleans temp.
            }
        }
    }

    [Fact]
    public async Task InitialAdmin_NamedLikeADisabledDemoUser_TakesItOver()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("portal-demo-live-").FullName;
        try
        {
            await using (var sandbox = new PortalWebFactory(new Dictionary<string, string?> { ["Portal:DataDirectory"] = dataDirectory }))
            {
                sandbox.CreateClient().Dispose();
            }

            await using var live = new PortalWebFactory(new Dictionary<string, string?>
            {
                ["Portal:DataDirectory"] = dataDirectory,
                ["Portal:Mode"] = "Live",
                ["Pulumi:ConfigPassphrase"] = "test-passphrase",
                ["Auth:InitialAdmin:Name"] = "admin",
                ["Auth:InitialAdmin:Password"] = "a-real-admin-password-99",
            });
            using var client = live.CreateAnonymousClient();
            var admin = (await live.Services.GetRequiredService<IAccountService>().FindAsync("admin"))!;
            Assert.Equal((false, "local", PortalRoles.Admin), (admin.Disabled, admin.Source, admin.Roles));
            Assert.Contains("error=", (await SignInTests.PostSignInAsync(client, "admin", "admin-demo-pass")).Headers.Location!.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("error=", (await SignInTests.PostSignInAsync(client, "admin", "a-real-admin-password-99")).Headers.Location!.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the OS cleans temp.
            }
        }
    }
}
