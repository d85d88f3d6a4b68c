using System.Globalization;
using System.Runtime.InteropServices;

namespace Portal.Sandbox.Kubernetes;

/// <summary>
/// Entry point of <c>Portal.Sandbox kube-server [--port N] [--https-port N] [--kubeconfig-out FILE] [--speed F] [--token T] [--state-dir DIR]</c>:
/// runs the sandbox Kubernetes API server standalone until Ctrl+C.
/// </summary>
public static class KubeServerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new SandboxKubernetesOptions { HttpPort = 8080, HttpsPort = 6443 };
        string? kubeconfigOut = null;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--port":
                        options.HttpPort = int.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "--https-port":
                        options.HttpsPort = int.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "--kubeconfig-out":
                        kubeconfigOut = value;
                        break;
                    case "--speed":
                        options.Speed = double.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "--token":
                        options.Token = value;
                        break;
                    case "--cluster-name":
                        options.ClusterName = value;
                        break;
                    case "--state-dir":
                        options.StateDirectory = value;
                        break;
                    default:
                        throw new ArgumentException($"unknown option {args[i]}");
                }

                i++;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync($"kube-server: {ex.Message}");
            await Console.Error.WriteLineAsync("usage: Portal.Sandbox kube-server [--port N] [--https-port N] [--kubeconfig-out FILE] [--speed F] [--token T] [--cluster-name NAME] [--state-dir DIR]  (port -1 disables, 0 picks a free one)");
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        await using var server = await SandboxKubernetesServer.StartAsync(options, loggerFactory);
        if (kubeconfigOut is not null)
        {
            await File.WriteAllTextAsync(kubeconfigOut, server.Kubeconfig);
        }

        Console.WriteLine($"sandbox kube-server '{server.ClusterName}' (speed {options.Speed.ToString(CultureInfo.InvariantCulture)})");
        if (server.HttpUrl is not null)
        {
            Console.WriteLine($"  http:  {server.HttpUrl}  (kubectl --server {server.HttpUrl.GetLeftPart(UriPartial.Authority)}; no credentials over http)");
        }

        if (server.HttpsUrl is not null)
        {
            Console.WriteLine($"  https: {server.HttpsUrl}  (bearer token required)");
        }

        Console.WriteLine(kubeconfigOut is null ? "  kubeconfig: pass --kubeconfig-out FILE to write one" : $"  kubeconfig: {kubeconfigOut}  (export KUBECONFIG={kubeconfigOut})");
        Console.WriteLine("Press Ctrl+C to stop.");

        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C
        }

        return 0;
    }
}
