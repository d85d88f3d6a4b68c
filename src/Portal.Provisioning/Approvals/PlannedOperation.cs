namespace Portal.Provisioning.Approvals;

/// <summary>One planned resource operation.</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource type token.</param>
/// <param name="Operation">create, update, replace, delete…</param>
/// <param name="ChangedKeys">The input keys that differ.</param>
/// <param name="ReplaceKeys">The keys that force a replacement.</param>
/// <param name="Destructive">Deletes or replaces something that exists.</param>
/// <param name="InputsDigest">SHA-256 of the resource's planned inputs (secrets as Pulumi masks them), so the plan hash
/// binds the new values and not only which keys change; null where the planner has no inputs (a direct patch).</param>
public sealed record PlannedOperation(
    string Urn, string Type, string Operation, IReadOnlyList<string> ChangedKeys, IReadOnlyList<string> ReplaceKeys, bool Destructive, string? InputsDigest = null)
{
    /// <summary>The operations that destroy an existing resource.</summary>
    public static bool IsDestructive(string operation) =>
        operation is "delete" or "replace" or "create-replacement" or "delete-replaced" or "discard-replaced";
}
