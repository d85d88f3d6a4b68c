using System.Text.Json.Nodes;

namespace Portal.Sandbox.Kubernetes.Patching;

/// <summary>RFC 7386: objects merge recursively, null removes a key, anything else (lists included) replaces.</summary>
internal static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var merged = Apply(result[key], value);
                result.Remove(key);
                result[key] = merged is null ? null : merged.Parent is null ? merged : merged.DeepClone();
            }
        }

        return result;
    }
}
