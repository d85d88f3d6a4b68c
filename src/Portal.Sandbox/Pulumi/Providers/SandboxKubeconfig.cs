using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>Reads kubeconfigs (JSON or YAML): the sandbox API server's one from <c>PORTAL_SANDBOX_KUBECONFIG</c>, or one
/// given inline to a Kubernetes provider resource.</summary>
public static class SandboxKubeconfig
{
    public const string EnvironmentVariable = "PORTAL_SANDBOX_KUBECONFIG";

    /// <summary>The sandbox cluster's kubeconfig, or null when the variable is not set.</summary>
    public static JsonObject? Load(Func<string, string?> environment)
    {
        var path = environment(EnvironmentVariable);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new SandboxProviderException($"{EnvironmentVariable} names '{path}', which does not exist");
        }

        return Parse(File.ReadAllText(path));
    }

    public static JsonObject Parse(string text)
    {
        try
        {
            return (text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : YamlJson.Parse(text)) as JsonObject
                ?? throw new SandboxProviderException("the kubeconfig is not an object");
        }
        catch (JsonException ex)
        {
            throw new SandboxProviderException($"the kubeconfig is not valid JSON: {ex.Message}", ex);
        }
    }
}
