using Portal.Data.Entities;

namespace Portal.Data.Queries;

public sealed record JobFilter
{
    public JobState? State { get; init; }

    public string? EnvironmentName { get; init; }
}
