using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>What one CLI invocation works with: parsed arguments, the environment (backend, passphrase, speed),
/// the project found from the working directory, and the console streams.</summary>
internal sealed class SandboxContext
{
    public const string SpeedVariable = "PORTAL_SANDBOX_SPEED";
    public const string KubeconfigVariable = "PORTAL_SANDBOX_KUBECONFIG";

    private PassphraseCrypter? _crypter;

    public required CliArguments Args { get; init; }

    public required string WorkingDirectory { get; init; }

    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required TextReader In { get; init; }

    public required Func<string, string?> Environment { get; init; }

    public double Speed => double.TryParse(Environment(SpeedVariable), System.Globalization.CultureInfo.InvariantCulture, out var speed) && speed > 0 ? speed : 1;

    public string PulumiHome => Environment("PULUMI_HOME") is { Length: > 0 } home
        ? home
        : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".pulumi");

    public FileBackend Backend
    {
        get
        {
            var url = Environment("PULUMI_BACKEND_URL");
            if (string.IsNullOrEmpty(url) || url is "file://~" or "file://~/")
            {
                return new FileBackend(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile));
            }

            if (!url.StartsWith("file://", StringComparison.Ordinal))
            {
                throw new CliException($"the sandbox pulumi CLI supports only file:// backends, not '{url}'", CliExitCodes.Invocation);
            }

            var path = url["file://".Length..].Split('?')[0];
            return new FileBackend(Path.GetFullPath(Uri.UnescapeDataString(path), WorkingDirectory));
        }
    }

    public ProjectInfo LoadProject()
    {
        for (var directory = WorkingDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var file = Path.Combine(directory, "Pulumi.yaml");
            if (File.Exists(file))
            {
                return ProjectInfo.Load(file);
            }
        }

        throw new CliException(
            $"no Pulumi.yaml project file found (searching upwards from {WorkingDirectory}). If you have not created a project yet, use `pulumi new` to do so: no project file found");
    }

    /// <summary>The stack from <c>--stack</c> (any of <c>s</c>, <c>org/s</c>, <c>org/p/s</c>) or the selected one.</summary>
    public string ResolveStack(ProjectInfo project, bool required = true)
    {
        var reference = Args.Get("stack") ?? ReadSelectedStack(project);
        if (reference is null)
        {
            throw new CliException("no stack selected; please use `pulumi stack select` or `pulumi stack init` to choose one", CliExitCodes.StackNotFound);
        }

        var stack = StackNames.Parse(reference, project.Name);
        if (required)
        {
            Backend.EnsureInitialized();
            if (!Backend.StackExists(project.Name, stack))
            {
                throw new CliException($"no stack named '{stack}' found", CliExitCodes.StackNotFound);
            }
        }

        return stack;
    }

    public void SelectStack(ProjectInfo project, string stack)
    {
        var file = WorkspaceFile(project);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, JsonText.Pretty(new JsonObject { ["stack"] = stack }));
    }

    /// <summary>The stack's passphrase crypter; created lazily because only secrets need it.</summary>
    public PassphraseCrypter GetCrypter(StackSettings settings, bool createIfMissing)
    {
        if (_crypter is not null)
        {
            return _crypter;
        }

        var passphrase = Environment("PULUMI_CONFIG_PASSPHRASE")
            ?? (Environment("PULUMI_CONFIG_PASSPHRASE_FILE") is { Length: > 0 } file ? File.ReadAllText(file).TrimEnd('\n', '\r') : null);
        if (settings.EncryptionSalt is null)
        {
            if (passphrase is null)
            {
                throw new CliException("could not create secrets manager for new stack: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables");
            }

            if (!createIfMissing)
            {
                throw new CliException("the stack has no secrets manager; run `pulumi stack init` first");
            }

            var (crypter, salt) = PassphraseCrypter.Create(passphrase);
            settings.EncryptionSalt = salt;
            settings.Save();
            return _crypter = crypter;
        }

        if (passphrase is null)
        {
            throw new CliException("constructing secrets manager of type \"passphrase\": passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables");
        }

        return _crypter = PassphraseCrypter.Open(passphrase, settings.EncryptionSalt);
    }

    private string? ReadSelectedStack(ProjectInfo project)
    {
        var file = WorkspaceFile(project);
        return File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file))?["stack"]?.GetValue<string>() : null;
    }

    private string WorkspaceFile(ProjectInfo project)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(project.FilePath)));
        return Path.Combine(PulumiHome, "workspaces", $"{project.Name}-{hash}-workspace.json");
    }
}
