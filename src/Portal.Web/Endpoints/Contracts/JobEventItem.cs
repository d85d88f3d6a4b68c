using System.Text.Json.Nodes;
using Portal.Data.Entities;

namespace Portal.Web.Endpoints.Contracts;

/// <summary>One job event: log line, progress (with its structured data) or state change.</summary>
public sealed record JobEventItem(int Sequence, DateTimeOffset Time, JobEventKind Kind, JobEventLevel Level, string Message, JsonNode? Data);
