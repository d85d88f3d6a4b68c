namespace Portal.Provisioning.Pulumi;

/// <summary>The latest step of one resource in a running or finished command (what a progress table shows per row).</summary>
public sealed record ResourceStatus(
    string Urn,
    string Type,
    string Name,
    string Operation,
    ResourceStepState State,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error);
