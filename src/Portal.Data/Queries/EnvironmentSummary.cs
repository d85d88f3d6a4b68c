using Portal.Data.Entities;

namespace Portal.Data.Queries;

/// <summary>A row of the environments dashboard, with its latest job (the "last operation").</summary>
public sealed record EnvironmentSummary(
    long Id,
    string Name,
    string TemplateName,
    EnvironmentClass Class,
    EnvironmentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string CreatedBy,
    string? OutputsJson,
    LastOperation? LastOperation);
