using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>Builds StepEventMetadata and StepEventStateMetadata exactly as the event log carries them (old/new never
/// omitted, secrets blinded, empty fields omitted).</summary>
internal static class StepEvents
{
    public static JsonObject Metadata(string op, string urn, string type, ResourceState? old, ResourceState? @new, StepDiff? diff, bool logical, string provider)
    {
        var metadata = new JsonObject
        {
            ["op"] = op,
            ["urn"] = urn,
            ["type"] = type,
            ["old"] = State(old),
            ["new"] = State(@new),
        };
        if (diff is { ReplaceKeys.Count: > 0 })
        {
            metadata["keys"] = new JsonArray([.. diff.ReplaceKeys.Select(k => JsonValue.Create(k))]);
        }

        if (diff is { Diffs.Count: > 0 })
        {
            metadata["diffs"] = new JsonArray([.. diff.Diffs.Select(k => JsonValue.Create(k))]);
        }

        metadata["detailedDiff"] = diff?.DetailedDiff?.DeepClone();
        if (logical)
        {
            metadata["logical"] = true;
        }

        metadata["provider"] = provider;
        return metadata;
    }

    public static JsonObject Payload(JsonObject metadata, bool planning)
    {
        var payload = new JsonObject { ["metadata"] = metadata.DeepClone() };
        if (planning)
        {
            payload["planning"] = true;
        }

        return payload;
    }

    private static JsonObject? State(ResourceState? state)
    {
        if (state is null)
        {
            return null;
        }

        var json = new JsonObject { ["type"] = state.Type, ["urn"] = state.Urn };
        if (state.Custom)
        {
            json["custom"] = true;
        }

        json["id"] = state.Id;
        json["parent"] = state.Parent ?? "";
        json["inputs"] = SecretValues.Blind(state.Inputs);
        json["outputs"] = SecretValues.Blind(state.Outputs);
        json["provider"] = state.Provider ?? "";
        if (state.InitErrors.Count > 0)
        {
            json["initErrors"] = new JsonArray([.. state.InitErrors.Select(e => JsonValue.Create(e))]);
        }

        return json;
    }
}
