using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>Small readers over stored objects shared by the controllers.</summary>
internal static class ObjectRefs
{
    public static string Name(JsonNode item) => JsonValues.AsString(item["metadata"]?["name"]);

    public static string Namespace(JsonNode item) => JsonValues.AsString(item["metadata"]?["namespace"]);

    public static string Uid(JsonNode item) => JsonValues.AsString(item["metadata"]?["uid"]);

    public static bool IsDeleting(JsonNode item) => item["metadata"]?["deletionTimestamp"] is not null;

    public static string? ControllerUid(JsonNode item) =>
        (item["metadata"]?["ownerReferences"] as JsonArray)?
            .FirstOrDefault(r => r?["controller"]?.GetValue<bool>() == true) is { } owner ? JsonValues.AsString(owner["uid"]) : null;

    public static JsonObject OwnerReference(ResourceType type, JsonNode owner) => new()
    {
        ["apiVersion"] = type.ApiVersion,
        ["kind"] = type.Kind,
        ["name"] = Name(owner),
        ["uid"] = Uid(owner),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    public static string? Annotation(JsonNode item, string key) => item["metadata"]?["annotations"]?[key] is { } value ? JsonValues.AsString(value) : null;

    public static long Revision(JsonNode item) => long.TryParse(Annotation(item, "deployment.kubernetes.io/revision"), out var revision) ? revision : 0;

    public static DateTimeOffset Created(JsonNode item) =>
        DateTimeOffset.TryParse(JsonValues.AsString(item["metadata"]?["creationTimestamp"]), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var created)
            ? created : DateTimeOffset.MinValue;

    public static bool IsReady(JsonNode pod) =>
        (pod["status"]?["conditions"] as JsonArray)?.Any(c => JsonValues.AsString(c?["type"]) == "Ready" && JsonValues.AsString(c?["status"]) == "True") == true;
}
