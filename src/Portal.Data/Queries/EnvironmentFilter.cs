using Portal.Data.Entities;

namespace Portal.Data.Queries;

/// <summary>The dashboard's filters; null means any.</summary>
public sealed record EnvironmentFilter
{
    /// <summary>Part of the name or the template name.</summary>
    public string? Search { get; init; }

    public EnvironmentClass? Class { get; init; }

    public EnvironmentStatus? Status { get; init; }
}
