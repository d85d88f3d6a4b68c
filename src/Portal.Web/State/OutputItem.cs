namespace Portal.Web.State;

/// <summary>A stack output as the environment page shows it.</summary>
/// <param name="Name">The output's name in the program.</param>
/// <param name="Label">The manifest's label for a highlighted output, else the name.</param>
/// <param name="Value">The stored value as text; <c>[secret]</c> for a secret.</param>
/// <param name="IsSecret">Stored masked: revealing it is a separate, audited action.</param>
/// <param name="IsHighlighted">Named by the template's <c>outputs.highlight</c>.</param>
public sealed record OutputItem(string Name, string Label, string Value, bool IsSecret, bool IsHighlighted)
{
    /// <summary>Long or multi-line values (a kubeconfig) are shown collapsed.</summary>
    public bool IsLong => Value.Length > 120 || Value.Contains('\n', StringComparison.Ordinal);
}
