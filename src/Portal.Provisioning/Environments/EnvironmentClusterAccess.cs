using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Pulumi;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Environments;

/// <summary>
/// The kubeconfig an environment's stack exports (the template names the output) and a client for it. The same code
/// serves live and sandbox mode: in the sandbox the kubeconfig simply points at the simulated API server.
/// </summary>
public sealed class EnvironmentClusterAccess(ITemplateCatalog catalog, EnvironmentStore store, IClusterClientFactory clients)
{
    /// <summary>The kubeconfig text, or null when the template has no kubeconfig output or the stack has no outputs yet.</summary>
    public async Task<string?> GetKubeconfigAsync(EnvironmentRecord environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (catalog.Find(environment.TemplateName)?.KubeconfigOutput is not { } outputName
            || environment.OutputsJson is null
            || (JsonNode.Parse(environment.OutputsJson) as JsonObject)?[outputName] is not { } value)
        {
            return null;
        }

        if (value is JsonValue text && text.TryGetValue<string>(out var s))
        {
            if (s != StackOutputValue.SecretPlaceholder)
            {
                return s;
            }

            var secrets = await store.ReadSecretsAsync(environment.Id, EnvironmentSecretKind.Output, cancellationToken);
            return secrets.GetValueOrDefault(outputName);
        }

        // pulumi-eks exports the kubeconfig as an object; the client reads JSON.
        return value.ToJsonString();
    }

    /// <summary>A shared client for the environment's cluster, or null when it has none (yet).</summary>
    public async Task<EnvironmentCluster?> ConnectAsync(EnvironmentRecord environment, CancellationToken cancellationToken)
    {
        var kubeconfig = await GetKubeconfigAsync(environment, cancellationToken);
        if (kubeconfig is null)
        {
            return null;
        }

        // Keyed by environment id as well as name: a re-created environment of the same name is another cluster.
        var name = $"environment/{environment.Name}#{environment.Id}";
        return new EnvironmentCluster(name, clients.GetOrCreate(name, kubeconfig));
    }
}
