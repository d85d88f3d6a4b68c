using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Data.Queries;

namespace Portal.Web.Endpoints.Contracts;

/// <summary>An environment in <c>GET /api/environments</c>.</summary>
public sealed record EnvironmentListItem(
    string Name,
    string Template,
    EnvironmentClass Class,
    EnvironmentStatus Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    LastOperation? LastOperation,
    JsonObject? Outputs)
{
    public static EnvironmentListItem From(EnvironmentSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(summary.Name, summary.TemplateName, summary.Class, summary.Status, summary.CreatedBy, summary.CreatedAt, summary.UpdatedAt,
            summary.LastOperation, summary.OutputsJson is null ? null : JsonNode.Parse(summary.OutputsJson) as JsonObject);
    }
}
