using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Provisioning.Pulumi;

/// <summary>JSON in one spelling (every object's keys in ordinal order), and its SHA-256, for hashes that must not
/// depend on how a producer ordered its keys.</summary>
public static class CanonicalJson
{
    /// <summary>A deep copy with every object's keys in ordinal order.</summary>
    public static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        JsonValue v => JsonNode.Parse(v.ToJsonString()),
        _ => null,
    };

    /// <summary>The lowercase hex SHA-256 of the canonical form.</summary>
    public static string Sha256(JsonNode? node) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(node)?.ToJsonString() ?? "null")));
}
