using System.Text.Json.Nodes;

namespace Portal.Provisioning.Templates;

/// <summary>Parameter input checked against a template.</summary>
/// <param name="Values">Every non-secret parameter with its typed value (defaults applied), keyed by parameter name;
/// a JSON string, number or boolean, or null when optional and not given.</param>
/// <param name="Secrets">Secret parameters given in this input (absent ones keep their stored value).</param>
/// <param name="Errors">Field errors keyed <c>parameters.&lt;name&gt;</c>; empty when the input is valid.</param>
public sealed record ParameterBindingResult(
    IReadOnlyDictionary<string, JsonNode?> Values,
    IReadOnlyDictionary<string, string> Secrets,
    IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
