namespace Portal.Provisioning.Environments;

/// <summary>One parameter a preview or update changes; secret values are never shown, only that they change.</summary>
public sealed record ParameterChange(string Name, string Label, string? Before, string? After, bool Secret);
