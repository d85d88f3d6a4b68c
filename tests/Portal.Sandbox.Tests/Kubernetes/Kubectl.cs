using System.Diagnostics;

namespace Portal.Sandbox.Tests.Kubernetes;

/// <summary>
/// Runs the real kubectl against a sandbox server: its own KUBECONFIG, HOME and --cache-dir (so discovery caches never leak
/// between tests or ports), arguments as a list (no shell), and a hard timeout.
/// </summary>
internal sealed class Kubectl : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-kubectl-").FullName;

    public Kubectl(string kubeconfig)
    {
        File.WriteAllText(KubeconfigPath, kubeconfig);
    }

    public static string Path => Environment.GetEnvironmentVariable("KUBECTL_PATH") is { Length: > 0 } path ? path : "/usr/bin/kubectl";

    public string KubeconfigPath => System.IO.Path.Combine(_directory, "kubeconfig");

    public async Task<KubectlResult> RunAsync(TimeSpan timeout, params string[] args)
    {
        var startInfo = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("--cache-dir");
        startInfo.ArgumentList.Add(System.IO.Path.Combine(_directory, "cache"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["KUBECONFIG"] = KubeconfigPath;
        startInfo.Environment["HOME"] = _directory;
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return new KubectlResult(timedOut ? -1 : process.ExitCode, await stdout, await stderr, timedOut);
    }

    public Task<KubectlResult> RunAsync(params string[] args) => RunAsync(TimeSpan.FromSeconds(30), args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // kubectl may still hold a cache file for a moment; the temp directory is cleaned by the OS eventually
        }
    }
}
