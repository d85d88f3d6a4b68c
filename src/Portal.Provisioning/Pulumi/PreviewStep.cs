namespace Portal.Provisioning.Pulumi;

/// <summary>One planned step of a preview, with the keys that differ and those forcing a replacement.</summary>
/// <param name="Operation">create, update, replace, delete…</param>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource type token.</param>
/// <param name="DiffKeys">The input keys that differ.</param>
/// <param name="ReplaceKeys">The keys that force a replacement.</param>
/// <param name="InputsDigest">SHA-256 of the canonical <c>newState.inputs</c> (secrets already <c>[secret]</c>), when the step has them.</param>
public sealed record PreviewStep(string Operation, string Urn, string Type, IReadOnlyList<string> DiffKeys, IReadOnlyList<string> ReplaceKeys, string? InputsDigest = null);
