using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Patching;

/// <summary>
/// Strategic merge patch for the fields the sandbox's kinds have: lists of objects merge by their patch merge key
/// (containers, env, volumes by name; container ports by containerPort; service ports by port; conditions by type;
/// ownerReferences by uid), other lists are replaced. Directives: <c>$patch: replace|delete</c> on objects and list items,
/// <c>$deleteFromPrimitiveList/...</c>; <c>$setElementOrder/...</c> and <c>$retainKeys</c> are accepted and ignored.
/// </summary>
internal static class StrategicMergePatch
{
    private static readonly Dictionary<string, string> s_mergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["imagePullSecrets"] = "name",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["hostAliases"] = "ip",
    };

    /// <summary>Primitive lists whose strategy is merge (union) rather than replace.</summary>
    private static readonly HashSet<string> s_mergedPrimitiveLists = new(StringComparer.Ordinal) { "finalizers" };

    public static JsonObject Apply(JsonObject target, JsonObject patch) => (JsonObject)MergeObject(target, patch)!;

    private static JsonObject? MergeObject(JsonObject target, JsonObject patch)
    {
        switch (patch["$patch"]?.GetValue<string>())
        {
            case "delete":
                return null;
            case "replace":
                var replacement = (JsonObject)patch.DeepClone();
                replacement.Remove("$patch");
                return replacement;
        }

        foreach (var (key, value) in patch.ToList())
        {
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (target[field] is JsonArray list && value is JsonArray remove)
                {
                    foreach (var item in list.Where(i => remove.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                    {
                        list.Remove(item);
                    }
                }

                continue;
            }

            if (key.StartsWith('$'))
            {
                continue; // $setElementOrder/..., $retainKeys: ordering and pruning hints
            }

            if (value is null)
            {
                target.Remove(key);
                continue;
            }

            var existing = target[key];
            JsonNode? merged = (existing, value) switch
            {
                (JsonObject e, JsonObject p) => MergeObject(e, p),
                (JsonArray e, JsonArray p) => MergeList(key, e, p),
                _ => value.DeepClone(),
            };
            if (merged is null)
            {
                target.Remove(key);
            }
            else if (!ReferenceEquals(merged, existing))
            {
                target.Remove(key);
                target[key] = merged.Parent is null ? merged : merged.DeepClone();
            }
        }

        return target;
    }

    private static JsonArray MergeList(string field, JsonArray target, JsonArray patch)
    {
        var mergeKey = MergeKeyFor(field, patch.Count > 0 ? patch[0] : target.Count > 0 ? target[0] : null);
        if (mergeKey is null)
        {
            if (!s_mergedPrimitiveLists.Contains(field))
            {
                return (JsonArray)patch.DeepClone();
            }

            foreach (var item in patch.Where(p => !target.Any(t => JsonNode.DeepEquals(t, p))))
            {
                target.Add(item?.DeepClone());
            }

            return target;
        }

        foreach (var item in patch)
        {
            if (item is not JsonObject patchItem)
            {
                throw ApiError.BadRequest($"unable to find api field in struct for the list \"{field}\": items must be objects");
            }

            var keyValue = patchItem[mergeKey]?.ToJsonString();
            var match = target.OfType<JsonObject>().FirstOrDefault(t => t[mergeKey]?.ToJsonString() == keyValue);
            if (patchItem["$patch"]?.GetValue<string>() == "delete")
            {
                if (match is not null)
                {
                    target.Remove(match);
                }

                continue;
            }

            if (match is null)
            {
                var added = (JsonObject)patchItem.DeepClone();
                added.Remove("$patch");
                target.Add(added);
            }
            else
            {
                var merged = MergeObject(match, patchItem);
                if (!ReferenceEquals(merged, match))
                {
                    var index = target.IndexOf(match);
                    target.RemoveAt(index);
                    if (merged is not null)
                    {
                        target.Insert(index, merged.Parent is null ? merged : merged.DeepClone());
                    }
                }
            }
        }

        return target;
    }

    private static string? MergeKeyFor(string field, JsonNode? sample)
    {
        if (field == "ports")
        {
            return sample?["containerPort"] is not null ? "containerPort" : "port";
        }

        return s_mergeKeys.GetValueOrDefault(field);
    }
}
