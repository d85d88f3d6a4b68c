using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Templates;

namespace Portal.Web.State;

/// <summary>The environments a <c>cluster</c> parameter may name: Ready ones whose stack exports a kubeconfig.</summary>
public static class ClusterChoices
{
    private const int Limit = 500;

    public static async Task<IReadOnlyList<string>> ListAsync(IEnvironmentQueryService queries, ITemplateCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(catalog);
        var ready = await queries.ListAsync(new EnvironmentFilter { Status = EnvironmentStatus.Ready }, 0, Limit, cancellationToken);
        return [.. ready.Items.Where(e => HasKubeconfig(e, catalog)).Select(e => e.Name)];
    }

    private static bool HasKubeconfig(EnvironmentSummary environment, ITemplateCatalog catalog)
    {
        if (catalog.Find(environment.TemplateName)?.KubeconfigOutput is not { } output || environment.OutputsJson is null)
        {
            return false;
        }

        try
        {
            return JsonNode.Parse(environment.OutputsJson) is JsonObject outputs && outputs.ContainsKey(output);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
