namespace Portal.Data.Queries;

/// <summary>Filters of the audit page and export. Each set value must match exactly; times are inclusive-exclusive.</summary>
public sealed record AuditFilter
{
    public string? Actor { get; init; }

    public string? Action { get; init; }

    public string? EnvironmentName { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }
}
