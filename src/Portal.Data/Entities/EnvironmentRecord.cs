namespace Portal.Data.Entities;

/// <summary>One Pulumi stack made from a template ("Environment" would clash with System.Environment).</summary>
public sealed class EnvironmentRecord
{
    public long Id { get; set; }

    /// <summary>A DNS-1123 label, unique among environments that are not archived.</summary>
    public required string Name { get; set; }

    public required string TemplateName { get; set; }

    /// <summary>The Pulumi stack: the environment's name (an archived environment's stack was removed by its destroy).</summary>
    public required string StackName { get; set; }

    public EnvironmentClass Class { get; set; }

    public EnvironmentStatus Status { get; set; }

    /// <summary>Non-secret parameter values as JSON; secret ones live encrypted in <see cref="EnvironmentSecret"/>.</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>The latest stack outputs as JSON, with secret values replaced by <c>[secret]</c>.</summary>
    public string? OutputsJson { get; set; }

    /// <summary>When the outputs were last read from the stack.</summary>
    public DateTimeOffset? OutputsUpdatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when the environment was destroyed; its history and audit stay.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }
}
