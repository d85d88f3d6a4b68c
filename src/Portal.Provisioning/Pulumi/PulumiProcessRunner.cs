using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Pulumi;

/// <summary>Starts the CLI, streams its output lines, and stops it on cancellation: SIGINT first, a kill after the grace period.</summary>
internal sealed class PulumiProcessRunner(ILogger<PulumiProcessRunner> logger) : IPulumiProcessRunner
{
    public async Task<PulumiProcessResult> RunAsync(PulumiInvocation invocation, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(invocation.FileName)
        {
            WorkingDirectory = invocation.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in invocation.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in invocation.Environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new PulumiCliNotFoundException($"the pulumi CLI '{invocation.FileName}' could not be started: {ex.Message}", ex);
        }

        var standardOutput = new StringBuilder();
        var standardError = new StringBuilder();
        var pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput, standardOutput, isError: false, invocation.OnOutputLine),
            PumpAsync(process.StandardError, standardError, isError: true, invocation.OnOutputLine));
        await WriteInputAsync(process, invocation.StandardInput, cancellationToken);

        using var timeout = new CancellationTokenSource(invocation.Timeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var outcome = CancellationOutcome.None;
        try
        {
            await process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException) when (!process.HasExited)
        {
            outcome = await StopAsync(process, invocation);
        }
        catch (OperationCanceledException)
        {
            // It finished on its own just as we were asked to stop: nothing was interrupted.
        }

        await pumps;
        return new PulumiProcessResult(
            process.ExitCode, standardOutput.ToString(), standardError.ToString(), outcome, timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested);
    }

    private async Task<CancellationOutcome> StopAsync(Process process, PulumiInvocation invocation)
    {
        if (!OperatingSystem.IsWindows() && !invocation.ForceCancellation.IsCancellationRequested && NativeMethods.Kill(process.Id, NativeMethods.SigInt) == 0)
        {
            PulumiLog.InterruptSent(logger, process.Id);
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(invocation.ForceCancellation);
            grace.CancelAfter(invocation.CancelGracePeriod);
            try
            {
                await process.WaitForExitAsync(grace.Token);
                return CancellationOutcome.Interrupted;
            }
            catch (OperationCanceledException)
            {
                // Grace period over or force requested: fall through to the kill.
            }
        }

        if (process.HasExited)
        {
            return CancellationOutcome.Interrupted;
        }

        process.Kill(entireProcessTree: true);
        PulumiLog.ProcessKilled(logger, process.Id);
        await process.WaitForExitAsync(CancellationToken.None);
        return CancellationOutcome.Killed;
    }

    private static async Task WriteInputAsync(Process process, string? input, CancellationToken cancellationToken)
    {
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
                await process.StandardInput.FlushAsync(cancellationToken);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process exited before reading stdin; its exit code tells what happened.
        }
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder buffer, bool isError, Func<bool, string, ValueTask>? onLine)
    {
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            buffer.Append(line).Append('\n');
            if (onLine is not null)
            {
                await onLine(isError, line);
            }
        }
    }
}
