namespace Portal.Data.Entities;

/// <summary>One Pulumi stack made from a template ("Environment" would clash with System.Environment).</summary>
public sealed class EnvironmentRecord
{
    public long Id { get; set; }

    /// <summary>A DNS-1123 label, unique among environments that are not archived.</summary>
    public required string Name { get; set; }

    public required string TemplateName { get; set; }

    public EnvironmentClass Class { get; set; }

    public EnvironmentStatus Status { get; set; }

    /// <summary>Parameter values as JSON; secret parameters are stored as references, never in clear.</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>The latest stack outputs as JSON, with secret values replaced by <c>[secret]</c>.</summary>
    public string? OutputsJson { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when the environment was destroyed; its history and audit stay.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }
}
