using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Pulumi;
using Portal.Sandbox.Pulumi;

namespace Portal.Sandbox.Tests.Pulumi;

/// <summary>A throwaway world for one test: a program folder, a file backend, a PULUMI_HOME, the generated sandbox
/// <c>pulumi</c> launcher, and the real driver configured to run it.</summary>
internal sealed class SandboxStack : IDisposable
{
    public const string Passphrase = "correct horse battery staple";

    private SandboxStack(string root, string launcher, PulumiStackRunner runner, StackWorkspace workspace)
    {
        Root = root;
        Launcher = launcher;
        Runner = runner;
        Workspace = workspace;
    }

    public string Root { get; }

    public string Launcher { get; }

    public PulumiStackRunner Runner { get; }

    public StackWorkspace Workspace { get; }

    public string StateDirectory => Path.Combine(Root, "state");

    /// <param name="program">The Pulumi YAML program.</param>
    /// <param name="speed">The sandbox speed factor.</param>
    /// <param name="cancelGracePeriod">How long the driver waits after SIGINT before it kills the CLI.</param>
    /// <param name="kubeconfig">The kubeconfig file the sandbox's kubernetes provider targets by default.</param>
    /// <param name="interruptIgnored">Start the CLI with SIGINT ignored, as a shell starts a background command.</param>
    public static async Task<SandboxStack> CreateAsync(
        string program, double speed = 1000, TimeSpan? cancelGracePeriod = null, string? kubeconfig = null, bool interruptIgnored = false)
    {
        var root = Path.Combine(Path.GetTempPath(), "portal-pulumi-tests", Guid.NewGuid().ToString("N"));
        var programDirectory = Path.Combine(root, "template");
        Directory.CreateDirectory(programDirectory);
        await File.WriteAllTextAsync(Path.Combine(programDirectory, "Pulumi.yaml"), program);
        var launcher = SandboxPulumiLauncher.Create(Path.Combine(root, "bin"), new SandboxPulumiLauncherOptions { Speed = speed, KubeconfigPath = kubeconfig });
        if (interruptIgnored && !OperatingSystem.IsWindows())
        {
            // trap '' INT: ignored, and an ignored signal stays ignored across exec.
            var wrapper = Path.Combine(root, "bin", "pulumi-sigint-ignored");
            await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\ntrap '' INT\nexec '{launcher}' \"$@\"\n");
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            launcher = wrapper;
        }

        var runner = CreateRunner(root, launcher, Passphrase, cancelGracePeriod);
        var workspace = await runner.PrepareWorkspaceAsync("env-1", "dev", programDirectory, CancellationToken.None);
        return new SandboxStack(root, launcher, runner, workspace);
    }

    public PulumiStackRunner RunnerWithPassphrase(string passphrase) => CreateRunner(Root, Launcher, passphrase, null);

    public async Task<SandboxStack> InitAsync()
    {
        await Runner.CreateOrSelectStackAsync(Workspace, CancellationToken.None);
        return this;
    }

    /// <summary>Every file of the workspace and the state directory, for "no secret in clear" checks.</summary>
    public string AllStoredText() => string.Join("\n", new[] { Workspace.Directory, StateDirectory }
        .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
        .Select(File.ReadAllText));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static PulumiStackRunner CreateRunner(string root, string launcher, string passphrase, TimeSpan? cancelGracePeriod)
    {
        var options = new PulumiOptions
        {
            Command = launcher,
            BackendUrl = new Uri(Path.Combine(root, "state")).AbsoluteUri,
            WorkDirectoryRoot = Path.Combine(root, "work"),
            PulumiHome = Path.Combine(root, "home"),
            ConfigPassphrase = passphrase,
            CommandTimeout = TimeSpan.FromSeconds(60),
            UpdateTimeout = TimeSpan.FromSeconds(120),
            CancelGracePeriod = cancelGracePeriod ?? TimeSpan.FromSeconds(30),
            EventLogPollInterval = TimeSpan.FromMilliseconds(20),
        };
        return new PulumiStackRunner(Options.Create(options), NullLoggerFactory.Instance, TimeProvider.System);
    }
}
