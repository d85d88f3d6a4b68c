using System.Diagnostics;
using Portal.Sandbox.Pulumi;

namespace Portal.Sandbox.Tests.Pulumi;

public sealed class SandboxPulumiLauncherTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal launcher tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Create_WithKubeconfigAndSpeed_WritesExecutableShScriptExportingBoth()
    {
        var path = SandboxPulumiLauncher.Create(_directory, new SandboxPulumiLauncherOptions { KubeconfigPath = "/tmp/it's kube.json", Speed = 2.5 });

        var script = File.ReadAllText(path);
        Assert.Equal(Path.Combine(_directory, "pulumi"), path);
        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.Contains("export PORTAL_SANDBOX_KUBECONFIG='/tmp/it'\\''s kube.json'\n", script, StringComparison.Ordinal);
        Assert.Contains("export PORTAL_SANDBOX_SPEED=2.5\n", script, StringComparison.Ordinal);
        Assert.EndsWith($"exec '{SandboxPulumiLauncher.FindSandboxExecutable()}' pulumi \"$@\"\n", script, StringComparison.Ordinal);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute | UnixFileMode.OtherExecute));
    }

    [Fact]
    public async Task Create_DirectoryWithSpaces_LauncherRunsTheSandboxCli()
    {
        var path = SandboxPulumiLauncher.Create(_directory);
        using var process = Process.Start(new ProcessStartInfo(path, ["version"]) { RedirectStandardOutput = true })!;

        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal("v3.259.0\n", output);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
