using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>Pulumi's secret envelope <c>{"4dabf…": "1b47…", "plaintext"|"ciphertext": …}</c>. In memory a secret is
/// the envelope with <c>plaintext</c> (the JSON-encoded value), as <c>stack export --show-secrets</c> prints it; it becomes
/// <c>ciphertext</c> in state, <c>"[secret]"</c> ciphertext in events, and the string <c>"[secret]"</c> in masked output.</summary>
internal static class SecretValues
{
    public const string SignatureKey = "4dabf18193072939515e22adb298388d";
    public const string SecretSignature = "1b47061264138c4ac30d75fd1eb44270";
    public const string Placeholder = "[secret]";

    public static JsonObject Wrap(JsonNode? value) =>
        IsSecret(value) ? (JsonObject)value!.DeepClone() : new JsonObject { [SignatureKey] = SecretSignature, ["plaintext"] = JsonText.Compact(Reveal(value)) };

    public static bool IsSecret(JsonNode? node) =>
        node is JsonObject o && o.TryGetPropertyValue(SignatureKey, out var signature) && signature is JsonValue v && v.TryGetValue<string>(out var s) && s == SecretSignature;

    public static bool ContainsSecret(JsonNode? node) => node switch
    {
        _ when IsSecret(node) => true,
        JsonObject o => o.Any(p => ContainsSecret(p.Value)),
        JsonArray a => a.Any(ContainsSecret),
        _ => false,
    };

    /// <summary>The value inside a secret envelope (one level), or the node itself.</summary>
    public static JsonNode? Unwrap(JsonNode? node, out bool wasSecret)
    {
        wasSecret = IsSecret(node);
        if (!wasSecret)
        {
            return node;
        }

        var plaintext = node!["plaintext"]?.GetValue<string>();
        return plaintext is null ? null : JsonNode.Parse(plaintext);
    }

    /// <summary>Removes every envelope, deeply: the plain value providers and <c>--show-secrets</c> see.</summary>
    public static JsonNode? Reveal(JsonNode? node) => Map(node, secret => Reveal(Unwrap(secret, out _)));

    /// <summary>Every secret becomes the string <c>[secret]</c> (display, <c>stack output --json</c>, <c>preview --json</c>).</summary>
    public static JsonNode? Mask(JsonNode? node) => Map(node, _ => JsonValue.Create(Placeholder));

    /// <summary>Every secret becomes the blinded envelope the event log carries.</summary>
    public static JsonNode? Blind(JsonNode? node) =>
        Map(node, _ => new JsonObject { [SignatureKey] = SecretSignature, ["ciphertext"] = Placeholder });

    /// <summary>Applies <paramref name="onSecret"/> to every envelope and deep-clones the rest.</summary>
    public static JsonNode? Map(JsonNode? node, Func<JsonObject, JsonNode?> onSecret) => node switch
    {
        null => null,
        JsonObject o when IsSecret(o) => onSecret(o),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Map(p.Value, onSecret)))),
        JsonArray a => new JsonArray([.. a.Select(n => Map(n, onSecret))]),
        _ => node.DeepClone(),
    };
}
