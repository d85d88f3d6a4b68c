namespace Portal.Provisioning.Pulumi;

/// <summary>One planned step of a preview, with the keys that differ and those forcing a replacement.</summary>
public sealed record PreviewStep(string Operation, string Urn, string Type, IReadOnlyList<string> DiffKeys, IReadOnlyList<string> ReplaceKeys);
