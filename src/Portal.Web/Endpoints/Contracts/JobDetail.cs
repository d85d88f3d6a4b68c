using System.Text.Json.Nodes;
using Portal.Data.Entities;

namespace Portal.Web.Endpoints.Contracts;

/// <summary><c>GET /api/jobs/{id}</c>: the job, its queue position while queued, its result and a page of events.</summary>
public sealed record JobDetail(
    long Id,
    string Kind,
    string Title,
    string? Environment,
    JobState State,
    int? QueuePosition,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Attempt,
    int MaxAttempts,
    string? Error,
    JsonNode? Result,
    IReadOnlyList<JobEventItem> Events,
    int? NextAfter);
