using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>What program expressions can see (resources done so far, variables, config, <c>pulumi.*</c>), and the
/// planned steps recorded for <c>preview --json</c>.</summary>
internal sealed partial class DeploymentEngine
{
    private JsonNode? ResolveRoot(string root)
    {
        if (_done.TryGetValue(root, out var resource))
        {
            var value = (JsonObject)resource.Outputs.DeepClone();
            value["id"] = resource.Id.Length == 0 && IsPreview ? ExpressionEvaluator.Unknown : resource.Id;
            value["urn"] = resource.Urn;
            return value;
        }

        if (_request.Program.Variables.TryGetPropertyValue(root, out var template))
        {
            return _variables.GetOrAdd(root, _ => new ExpressionEvaluator(ResolveRoot, IsPreview).Evaluate(template))?.DeepClone();
        }

        if (_request.Config.TryGetValue(root, out var config))
        {
            return config?.DeepClone();
        }

        if (root == "pulumi")
        {
            return new JsonObject
            {
                ["stack"] = _request.Stack,
                ["project"] = _request.Project.Name,
                ["organization"] = "organization",
                ["cwd"] = _request.Project.Directory,
                ["rootDirectory"] = _request.Project.Directory,
            };
        }

        throw new CliException($"the reference '${{{root}}}' does not name a resource, variable or config value");
    }

    private void RecordStep(string op, string urn, string provider, ResourceState? old, ResourceState? @new, StepDiff? diff, bool force)
    {
        if (op == "same" && !force)
        {
            return;
        }

        var step = new JsonObject { ["op"] = op, ["urn"] = urn };
        if (provider.Length > 0)
        {
            step["provider"] = provider;
        }

        if (old is not null)
        {
            step["oldState"] = old.ToJson(SecretValues.Mask);
        }

        if (@new is not null)
        {
            step["newState"] = @new.ToJson(SecretValues.Mask);
        }

        if (diff is { Diffs.Count: > 0 })
        {
            step["diffReasons"] = new JsonArray([.. diff.Diffs.Select(d => JsonValue.Create(d))]);
        }

        if (diff is { ReplaceKeys.Count: > 0 })
        {
            step["replaceReasons"] = new JsonArray([.. diff.ReplaceKeys.Select(d => JsonValue.Create(d))]);
        }

        step["detailedDiff"] = diff?.DetailedDiff is { } detailed
            ? new JsonObject(detailed.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject { ["kind"] = p.Value!["diffKind"]!.DeepClone(), ["inputDiff"] = true })))
            : null;
        lock (_gate)
        {
            // The root stack step is recorded last (once its outputs are known) but listed first, as the CLI does.
            _steps.Insert(urn == StackUrn ? 0 : _steps.Count, step);
        }
    }
}
