using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Data.Queries;

namespace Portal.Web.Endpoints.Contracts;

/// <summary><c>GET /api/environments/{name}</c>: the stored state plus what the cluster shows right now. Parameters are
/// by name with secret ones as <c>[secret]</c>; outputs are the latest stack outputs with secrets as <c>[secret]</c>;
/// the cluster part lists live workloads and services, or says why it could not.</summary>
public sealed record EnvironmentDetail(
    string Name,
    string Template,
    EnvironmentClass Class,
    EnvironmentStatus Status,
    string StackName,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    JsonObject Parameters,
    JsonObject? Outputs,
    DateTimeOffset? OutputsUpdatedAt,
    LastOperation? LastOperation,
    ClusterSnapshot? Cluster);
