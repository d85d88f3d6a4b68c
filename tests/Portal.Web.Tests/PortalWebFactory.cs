using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Web.Tests;

/// <summary>
/// The portal on the test server with its own temporary data directory and any settings a test adds. It is started
/// with a bootstrap API token (Admin), and the clients it makes carry it, so API tests act as an admin unless they
/// take the header off or set another token.
/// </summary>
public sealed class PortalWebFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string BootstrapToken = "web-tests-bootstrap-token-0123456789abcdefghij";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("portal-web-tests-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseSetting("Auth:BootstrapToken", BootstrapToken);

        // Tests poll jobs quickly; the API's rate limit has its own test.
        builder.UseSetting("Auth:ApiPermitsPerMinute", "1000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BootstrapToken);
    }

    /// <summary>A client that follows no redirects and carries no token (for sign-in and cookie tests).</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS cleans temp.
        }
    }
}
