using System.Net;

namespace Portal.Web.Tests.Hosting;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Live_RunningPortal_ReturnsHealthy()
    {
        await using var factory = new PortalWebFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_AfterStartup_ReturnsHealthyAndCreatesDatabaseInDataDirectory()
    {
        await using var factory = new PortalWebFactory();
        using var client = factory.CreateClient();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpResponseMessage response;
        do
        {
            response = await client.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "portal.db")));
    }
}
