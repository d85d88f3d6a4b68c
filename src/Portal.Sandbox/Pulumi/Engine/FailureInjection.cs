using Portal.Sandbox.Pulumi.Providers;

namespace Portal.Sandbox.Pulumi;

/// <summary>The documented way to make resources fail: stack config <c>sandbox:failResources</c>, a comma-separated
/// list of <c>name</c> (every operation fails) or <c>name:create|update|delete</c> (only that one).</summary>
internal sealed class FailureInjection
{
    public const string ConfigKey = "sandbox:failResources";
    public const string DriftConfigKey = "sandbox:driftResources";

    private readonly HashSet<string> _entries;

    public FailureInjection(string? config) =>
        _entries = (config ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    public bool IsListed(string name, string operation) => _entries.Contains(name) || _entries.Contains($"{name}:{Kind(operation)}");

    /// <summary>Throws the injected failure if <paramref name="name"/> is listed for <paramref name="operation"/>.</summary>
    public void ThrowIfListed(string name, string operation)
    {
        if (IsListed(name, operation))
        {
            throw new SandboxProviderException($"sandbox: injected failure for '{name}' ({Kind(operation)}; listed in config {ConfigKey})");
        }
    }

    private static string Kind(string operation) => operation switch { "replace" => "create", "delete-replaced" => "delete", _ => operation };
}
