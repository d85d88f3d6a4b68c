using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Sandbox.Pulumi.Providers;

namespace Portal.Sandbox.Pulumi;

/// <summary>Entry point of <c>Portal.Sandbox pulumi ...</c>: a pulumi-compatible CLI (see README.md in this folder).</summary>
public static class SandboxPulumiCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        // One process per command: the clients live as long as the command. No logger, so nothing about the
        // cluster's credentials can reach the CLI's output.
        using var clusterClients = new ClusterClientFactory(
            Options.Create(new KubernetesOptions()), new AwsSdkCredentialSource(), TimeProvider.System, NullLoggerFactory.Instance);
        var providers = SandboxProviderRegistry.CreateDefault(new ClusterSandboxKubernetesApplier(clusterClients));
        return await RunAsync(args, providers, Console.Out, Console.Error, Console.In);
    }

    /// <summary>Runs one CLI command with the given providers and streams; returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args, SandboxProviderRegistry providers, TextWriter output, TextWriter error, TextReader input) =>
        RunAsync(args, providers, output, error, input, Environment.GetEnvironmentVariable);

    /// <summary>Runs one CLI command in-process with an explicit environment (tests, hosts that embed the sandbox).</summary>
    public static async Task<int> RunAsync(
        string[] args, SandboxProviderRegistry providers, TextWriter output, TextWriter error, TextReader input, Func<string, string?> environment)
    {
        try
        {
            var parsed = CliArguments.Parse(args);
            var context = new SandboxContext
            {
                Args = parsed,
                WorkingDirectory = parsed.Get("cwd") is { } cwd ? Path.GetFullPath(cwd) : Directory.GetCurrentDirectory(),
                Out = output,
                Error = error,
                In = input,
                Environment = environment,
            };
            var positionals = parsed.Positionals;
            return positionals.FirstOrDefault() switch
            {
                "version" => MiscCommands.Version(context),
                "whoami" => MiscCommands.WhoAmI(context),
                "cancel" => MiscCommands.Cancel(context),
                "stack" => StackCommands.Run(context, positionals[1..]),
                "config" => ConfigCommands.Run(context, positionals[1..]),
                "preview" or "up" or "update" or "refresh" or "destroy" =>
                    await UpdateCommand.RunAsync(context, positionals[0] == "update" ? "up" : positionals[0], providers),
                null => Usage(error),
                var other => throw new CliException($"unknown command \"{other}\" for \"pulumi\"", CliExitCodes.Invocation),
            };
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            // Exit 255 is the real CLI's "internal error".
            await error.WriteLineAsync($"error: {ex.Message}");
            return 255;
        }
        finally
        {
            await output.FlushAsync();
            await error.FlushAsync();
        }
    }

    private static int Usage(TextWriter error)
    {
        error.WriteLine("usage: pulumi <version|whoami|cancel|stack|config|preview|up|refresh|destroy> [flags]");
        return CliExitCodes.Invocation;
    }
}
