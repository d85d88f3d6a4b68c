using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Portal.Provisioning.Tests.CrashDrill;

/// <summary>
/// The crash drill's worker: Portal.Jobs.TestHost in a child process (started without a shell), with its standard
/// output read line by line and its standard error kept for the failure message.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _errors = new();

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Portal.Jobs.TestHost.exe" : "Portal.Jobs.TestHost");

    public int Id => _process.Id;

    public static WorkerProcess Start(string dataDirectory, bool enqueue)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dataDirectory);
        if (enqueue)
        {
            startInfo.ArgumentList.Add("--enqueue");
        }

        var process = new Process { StartInfo = startInfo };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                worker._lines.Writer.TryComplete();
            }
            else
            {
                worker._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (worker._errors)
            {
                worker._errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>The rest of the first output line that starts with <paramref name="prefix"/>.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(deadline.Token))
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line[prefix.Length..].Trim();
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The worker did not print '{prefix}' within {timeout.TotalSeconds:0} s. Its standard error:\n{Errors}");
        }

        throw new InvalidOperationException($"The worker exited (code {(_process.HasExited ? _process.ExitCode : -1)}) before printing '{prefix}'. Its standard error:\n{Errors}");
    }

    /// <summary>SIGKILL on Unix (TerminateProcess on Windows): no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
