using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Sandbox.Kubernetes;
using Portal.Sandbox.Pulumi;

namespace Portal.Web.Hosting;

/// <summary>
/// In sandbox mode, brings up the simulated cloud inside the portal process: the Kubernetes API server on loopback
/// (its kubeconfig written to the data directory) and the <c>pulumi</c> launcher that the driver runs. In live mode
/// it does nothing. The portal reaches both exactly as it reaches real ones: a command path and a kubeconfig.
/// </summary>
public sealed partial class SandboxCloudHost(IOptions<PortalOptions> portal, IOptions<SandboxOptions> sandbox, ILoggerFactory loggerFactory, ILogger<SandboxCloudHost> logger) : IHostedService, IAsyncDisposable
{
    private SandboxKubernetesServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (portal.Value.Mode != PortalMode.Sandbox)
        {
            return;
        }

        var dataDirectory = portal.Value.DataDirectoryFullPath;
        var speed = sandbox.Value.Speed;
        _server = await SandboxKubernetesServer.StartAsync(
            new SandboxKubernetesOptions { Speed = speed, HttpPort = -1, HttpsPort = 0, StateDirectory = SandboxOptions.ClusterStateDirectoryUnder(dataDirectory) },
            loggerFactory,
            cancellationToken);
        var kubeconfigPath = SandboxOptions.KubeconfigPathUnder(dataDirectory);
        await WriteKubeconfigAsync(kubeconfigPath, _server.Kubeconfig, cancellationToken);
        var launcher = SandboxPulumiLauncher.Create(SandboxOptions.LauncherDirectoryUnder(dataDirectory), new SandboxPulumiLauncherOptions { KubeconfigPath = kubeconfigPath, Speed = speed });
        LogSandboxStarted(logger, _server.HttpsUrl?.ToString() ?? "", launcher, speed);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    /// <summary>
    /// The cluster keeps its endpoint, CA and token across restarts, so the text is normally what is already there. It is
    /// replaced atomically and created owner-only, because it holds the bearer token and pulumi runs read it at any time.
    /// </summary>
    private static async Task WriteKubeconfigAsync(string path, string kubeconfig, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken) == kubeconfig)
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(kubeconfig.AsMemory(), cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        // Atomically: the host's stop and the application's own shutdown wait can both get here at once.
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Sandbox: simulated Kubernetes API at {ApiUrl}, pulumi launcher {Launcher}, speed {Speed}")]
    private static partial void LogSandboxStarted(ILogger logger, string apiUrl, string launcher, double speed);
}
