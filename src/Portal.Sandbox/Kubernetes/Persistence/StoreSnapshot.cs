using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Persistence;

/// <summary>
/// Every stored object and the resourceVersion counter, as saved in <c>objects.json</c>:
/// <c>{"format":1,"savedAt":…,"clean":bool,"resourceVersion":N,"objects":{"namespaces":[…],"deployments.apps":[…],…}}</c>.
/// Kinds are keyed by their qualified name without the version, so a kind served at a newer version still loads.
/// <c>clean</c> is true only when written by an orderly shutdown: then nothing can be missing after the saved version.
/// </summary>
internal sealed record StoreSnapshot(long ResourceVersion, bool Clean, IReadOnlyList<(ResourceType Type, JsonObject Object)> Objects)
{
    public const int Format = 1;

    public void WriteTo(Stream stream, DateTimeOffset savedAt)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteNumber("format", Format);
        writer.WriteString("savedAt", ObjectStore.Timestamp(savedAt));
        writer.WriteBoolean("clean", Clean);
        writer.WriteNumber("resourceVersion", ResourceVersion);
        writer.WriteStartObject("objects");
        foreach (var kind in Objects.GroupBy(o => o.Type))
        {
            writer.WriteStartArray(kind.Key.QualifiedName);
            foreach (var (_, item) in kind)
            {
                // Stored objects are never mutated (the store replaces them), so this reads them without the store's lock.
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Reads and checks a snapshot; anything malformed throws <see cref="InvalidDataException"/> or <see cref="JsonException"/>.</summary>
    public static StoreSnapshot Read(Stream stream)
    {
        var root = JsonNode.Parse(stream) as JsonObject ?? throw new InvalidDataException("The state file is not a JSON object.");
        if (root["format"] is not JsonValue format || !format.TryGetValue<int>(out var version) || version != Format)
        {
            throw new InvalidDataException($"The state file's format is not {Format}.");
        }

        var resourceVersion = root["resourceVersion"] is JsonValue rv && rv.TryGetValue<long>(out var counter) && counter > 0
            ? counter
            : throw new InvalidDataException("The state file has no resourceVersion.");
        var clean = root["clean"] is JsonValue flag && flag.TryGetValue<bool>(out var isClean) && isClean;
        var kinds = root["objects"] as JsonObject ?? throw new InvalidDataException("The state file has no objects.");
        var objects = new List<(ResourceType, JsonObject)>();
        foreach (var (kind, items) in kinds)
        {
            var type = ResourceTypes.All.FirstOrDefault(t => t.QualifiedName == kind) ?? throw new InvalidDataException($"The state file holds an unknown kind '{kind}'.");
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in items as JsonArray ?? throw new InvalidDataException($"'{kind}' is not an array."))
            {
                var item = Materialize(node) as JsonObject ?? throw new InvalidDataException($"An item of '{kind}' is not an object.");
                var name = Text(item, "name") ?? throw new InvalidDataException($"An item of '{kind}' has no metadata.name.");
                var ns = type.Namespaced ? Text(item, "namespace") ?? throw new InvalidDataException($"{kind} '{name}' has no metadata.namespace.") : null;
                if (!long.TryParse(Text(item, "resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out _) || Text(item, "uid") is null)
                {
                    throw new InvalidDataException($"{kind} '{name}' has no resourceVersion or uid.");
                }

                if (!keys.Add(ObjectStore.Key(ns, name)))
                {
                    throw new InvalidDataException($"{kind} '{ns}/{name}' appears twice.");
                }

                objects.Add((type, item));
            }
        }

        return new StoreSnapshot(resourceVersion, clean, objects);
    }

    private static string? Text(JsonObject item, string field) =>
        item["metadata"]?[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    /// <summary>
    /// A detached copy built node by node. Parsed nodes fill in their children lazily on first access, which is not
    /// thread-safe; stored objects are read concurrently by requests, watches and controllers, so none may be lazy.
    /// </summary>
    private static JsonNode? Materialize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Materialize(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Materialize)]),
        _ => node?.DeepClone(),
    };
}
