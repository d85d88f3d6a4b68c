using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Pulumi;

/// <summary>Drives the <c>pulumi</c> CLI the way the Automation API does (same argv, environment and event log),
/// for the real CLI and the sandbox one alike.</summary>
public sealed partial class PulumiStackRunner : IStackRunner
{
    private const string ExecKind = "auto.local";
    private static readonly Version s_minimumVersion = new(3, 1, 0);

    private readonly PulumiOptions _options;
    private readonly IPulumiProcessRunner _processes;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public PulumiStackRunner(IOptions<PulumiOptions> options, ILoggerFactory loggerFactory, TimeProvider time)
        : this(options.Value, new PulumiProcessRunner(loggerFactory.CreateLogger<PulumiProcessRunner>()), loggerFactory.CreateLogger<PulumiStackRunner>(), time)
    {
    }

    internal PulumiStackRunner(PulumiOptions options, IPulumiProcessRunner processes, ILogger logger, TimeProvider time)
    {
        _options = options;
        _processes = processes;
        _logger = logger;
        _time = time;
    }

    public async Task<Version> GetVersionAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(null, "version", ["version"], cancellationToken);
        var text = result.StandardOutput.Trim().TrimStart('v');
        var core = text.Split('-', '+')[0];
        if (!Version.TryParse(core, out var version))
        {
            throw new PulumiCommandException($"failed to get pulumi version: {result.StandardOutput}");
        }

        if (version < s_minimumVersion)
        {
            throw new PulumiCommandException(
                $"Minimum version requirement failed. The minimum CLI version requirement is {s_minimumVersion}, your current CLI version is {version}. Please update the Pulumi CLI.");
        }

        return version;
    }

    /// <summary>Runs a short command and throws the classified exception on failure.</summary>
    private async Task<PulumiProcessResult> RunAsync(
        StackWorkspace? workspace, string command, List<string> arguments, CancellationToken cancellationToken, string? standardInput = null)
    {
        var invocation = CreateInvocation(workspace, arguments, _options.CommandTimeout) with { StandardInput = standardInput };
        var result = await RunProcessAsync(workspace, command, invocation, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfFailed(command, result);
        return result;
    }

    private async Task<PulumiProcessResult> RunProcessAsync(StackWorkspace? workspace, string command, PulumiInvocation invocation, CancellationToken cancellationToken)
    {
        // A SIGINT sent before the CLI traps it would just kill it: do not start what is already cancelled.
        cancellationToken.ThrowIfCancellationRequested();
        var stack = workspace?.StackName ?? "-";
        PulumiLog.CommandStarting(_logger, command, stack, invocation.WorkingDirectory);
        var started = Stopwatch.GetTimestamp();
        var result = await _processes.RunAsync(invocation, cancellationToken);
        PulumiLog.CommandFinished(_logger, command, stack, result.ExitCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, result.Cancellation);
        if (result.TimedOut)
        {
            throw new TimeoutException($"pulumi {command} did not finish within {invocation.Timeout} and was stopped ({result.Cancellation}).");
        }

        return result;
    }

    private static void ThrowIfFailed(string command, PulumiProcessResult result)
    {
        if (result.ExitCode != 0)
        {
            throw PulumiErrorClassifier.Classify(command, result.ExitCode, result.StandardOutput, result.StandardError);
        }
    }

    private PulumiInvocation CreateInvocation(StackWorkspace? workspace, List<string> arguments, TimeSpan timeout, string? eventLogPath = null)
    {
        // Like the .NET Automation API: --stack and --non-interactive go last, but before a "--" value separator.
        var separator = arguments.IndexOf("--");
        var insertAt = separator >= 0 ? separator : arguments.Count;
        var extra = new List<string>();
        // `stack init <name>` and `stack rm <name>` take the stack as a positional, as the SDKs pass it.
        if (workspace is not null && !arguments.Contains("--stack") && arguments is not ["stack", "init" or "rm", ..])
        {
            extra.AddRange(["--stack", workspace.StackName]);
        }

        extra.Add("--non-interactive");
        if (eventLogPath is not null)
        {
            // The flag exists only when PULUMI_DEBUG_COMMANDS=true (set in BuildEnvironment).
            extra.AddRange(["--event-log", eventLogPath]);
        }

        arguments.InsertRange(insertAt, extra);

        var workingDirectory = workspace?.Directory ?? _options.WorkDirectoryRoot ?? Directory.GetCurrentDirectory();
        Directory.CreateDirectory(workingDirectory);
        return new PulumiInvocation(_options.Command, arguments, workingDirectory, BuildEnvironment(), timeout, _options.CancelGracePeriod);
    }

    private Dictionary<string, string> BuildEnvironment()
    {
        var environment = new Dictionary<string, string>(_options.EnvironmentVariables, StringComparer.Ordinal)
        {
            ["PULUMI_SKIP_UPDATE_CHECK"] = "true",
            ["PULUMI_DEBUG_COMMANDS"] = "true",
        };
        if (!string.IsNullOrEmpty(_options.BackendUrl))
        {
            environment["PULUMI_BACKEND_URL"] = _options.BackendUrl;
            if (Uri.TryCreate(_options.BackendUrl, UriKind.Absolute, out var backend) && backend.IsFile)
            {
                // The file backend refuses a state directory that does not exist.
                Directory.CreateDirectory(backend.LocalPath);
            }
        }

        if (!string.IsNullOrEmpty(_options.PulumiHome))
        {
            environment["PULUMI_HOME"] = _options.PulumiHome;
        }

        // Secrets travel in the environment only: never on the command line, never logged.
        if (_options.ConfigPassphrase is not null)
        {
            environment["PULUMI_CONFIG_PASSPHRASE"] = _options.ConfigPassphrase;
        }

        if (!string.IsNullOrEmpty(_options.AccessToken))
        {
            environment["PULUMI_ACCESS_TOKEN"] = _options.AccessToken;
        }

        return environment;
    }
}
