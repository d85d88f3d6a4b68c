using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Pulumi;

/// <summary>Source-generated log messages of the Pulumi driver. Never pass secrets or full argument lists here.</summary>
internal static partial class PulumiLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "pulumi {Command} starting for stack {Stack} in {Directory}")]
    public static partial void CommandStarting(ILogger logger, string command, string stack, string directory);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "pulumi {Command} for stack {Stack} exited with {ExitCode} after {ElapsedMs} ms ({Cancellation})")]
    public static partial void CommandFinished(ILogger logger, string command, string stack, int exitCode, long elapsedMs, CancellationOutcome cancellation);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Sent SIGINT to pulumi process {ProcessId}")]
    public static partial void InterruptSent(ILogger logger, int processId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Killed pulumi process {ProcessId}")]
    public static partial void ProcessKilled(ILogger logger, int processId);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Skipped a malformed event-log line: {Error}")]
    public static partial void MalformedEvent(ILogger logger, string error);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Error, Message = "A progress handler failed; the command goes on")]
    public static partial void ProgressHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Stack {Stack} did not exist and was created")]
    public static partial void StackCreated(ILogger logger, string stack);
}
