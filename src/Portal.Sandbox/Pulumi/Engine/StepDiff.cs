using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>The difference between a resource's saved inputs and its new inputs, per top-level property.</summary>
internal sealed record StepDiff(string Operation, List<string> Diffs, List<string> ReplaceKeys, JsonObject? DetailedDiff)
{
    public static StepDiff Compute(JsonObject oldInputs, JsonObject newInputs, IReadOnlySet<string> replaceProperties)
    {
        var diffs = new List<string>();
        var replaceKeys = new List<string>();
        var detailed = new JsonObject();
        foreach (var key in oldInputs.Select(p => p.Key).Union(newInputs.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            var had = oldInputs.TryGetPropertyValue(key, out var before);
            var has = newInputs.TryGetPropertyValue(key, out var after);
            if (had && has && JsonNode.DeepEquals(SecretValues.Reveal(before), SecretValues.Reveal(after)))
            {
                continue;
            }

            var replaces = replaceProperties.Contains(key);
            var kind = !had ? "add" : !has ? "delete" : "update";
            diffs.Add(key);
            if (replaces)
            {
                replaceKeys.Add(key);
            }

            detailed[key] = new JsonObject { ["diffKind"] = replaces ? kind + "-replace" : kind, ["inputDiff"] = true };
        }

        var operation = diffs.Count == 0 ? "same" : replaceKeys.Count > 0 ? "replace" : "update";
        return new StepDiff(operation, diffs, replaceKeys, diffs.Count == 0 ? null : detailed);
    }
}
