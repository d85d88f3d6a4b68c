using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Hosting;

public sealed class SandboxCloudHostTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-sandbox-host-").FullName;

    [Fact]
    public async Task StartAsync_SameDataDirectoryAfterRestart_WritesTheSameKubeconfigOwnerOnly()
    {
        var first = await StartAndStopAsync();
        Assert.True(File.Exists(Path.Combine(SandboxOptions.ClusterStateDirectoryUnder(_dataDirectory), "objects.json")));

        var second = await StartAndStopAsync();

        Assert.Equal(first, second);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SandboxOptions.KubeconfigPathUnder(_dataDirectory)));
        }
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private async Task<string> StartAndStopAsync()
    {
        await using var host = new SandboxCloudHost(
            Options.Create(new PortalOptions { Mode = PortalMode.Sandbox, DataDirectory = _dataDirectory }),
            Options.Create(new SandboxOptions { Speed = 50 }),
            NullLoggerFactory.Instance,
            NullLogger<SandboxCloudHost>.Instance);
        await host.StartAsync(CancellationToken.None);
        var kubeconfig = await File.ReadAllTextAsync(SandboxOptions.KubeconfigPathUnder(_dataDirectory));
        await host.StopAsync(CancellationToken.None);
        return kubeconfig;
    }
}
