namespace Portal.Provisioning.Kubernetes;

public sealed record ListOptions
{
    /// <summary>For example <c>app=web,tier!=db</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>For example <c>metadata.name=web</c> or <c>involvedObject.name=web</c>.</summary>
    public string? FieldSelector { get; init; }

    public int? Limit { get; init; }

    public string? Continue { get; init; }

    /// <summary>"0" allows the server to answer from its cache.</summary>
    public string? ResourceVersion { get; init; }
}
