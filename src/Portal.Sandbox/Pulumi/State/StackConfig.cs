using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>Reads and writes a stack's config: keys are <c>&lt;namespace&gt;:&lt;key&gt;</c> (a bare key means the project's),
/// <c>--path</c> keys address into nested objects, secrets are stored as <c>{secure: …}</c>.</summary>
internal sealed class StackConfig(SandboxContext context, ProjectInfo project, StackSettings settings)
{
    public StackSettings Settings => settings;

    public string FullKey(string key) => key.Contains(':', StringComparison.Ordinal) ? key : $"{project.Name}:{key}";

    public void Set(string key, string value, bool secret, bool path)
    {
        JsonNode leaf = secret
            ? new JsonObject { ["secure"] = context.GetCrypter(settings, createIfMissing: true).Encrypt(value) }
            : JsonValue.Create(value);
        if (!path)
        {
            settings.Config[FullKey(key)] = leaf;
            return;
        }

        var (root, segments) = SplitPath(key);
        if (segments.Count == 0)
        {
            settings.Config[root] = leaf;
            return;
        }

        if (settings.Config[root] is not (JsonObject or JsonArray))
        {
            settings.Config[root] = segments[0] is int ? new JsonArray() : new JsonObject();
        }

        JsonNode container = settings.Config[root]!;
        for (var i = 0; i < segments.Count; i++)
        {
            var isLast = i == segments.Count - 1;
            JsonNode? next = isLast ? leaf : segments[i + 1] is int ? new JsonArray() : new JsonObject();
            container = SetChild(container, segments[i], next, isLast);
        }
    }

    public bool Remove(string key, bool path)
    {
        if (!path)
        {
            return settings.Config.Remove(FullKey(key));
        }

        var (root, segments) = SplitPath(key);
        if (segments.Count == 0)
        {
            return settings.Config.Remove(root);
        }

        // As the CLI's config.Map.Remove: a path that leads nowhere (a missing key, an index out of range, a key into an
        // array) removes nothing and is not an error; a last segment that is an index removes that array element.
        var node = settings.Config[root];
        for (var i = 0; i < segments.Count - 1 && node is not null; i++)
        {
            node = Child(node, segments[i]);
        }

        switch (node, segments[^1])
        {
            case (JsonObject o, string last):
                return o.Remove(last);
            case (JsonArray a, int index) when index >= 0 && index < a.Count:
                a.RemoveAt(index);
                return true;
            default:
                return false;
        }
    }

    private static JsonNode? Child(JsonNode node, object segment) => (node, segment) switch
    {
        (JsonArray a, int index) => index >= 0 && index < a.Count ? a[index] : null,
        (JsonObject o, string key) => o[key],
        _ => null,
    };

    /// <summary>Every config value (stack file over Pulumi.yaml defaults), secrets as in-memory envelopes.</summary>
    public SortedDictionary<string, JsonNode?> Resolve(bool decrypt)
    {
        var values = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        if ((project.Document["config"] ?? project.Document["configuration"]) is JsonObject declarations)
        {
            foreach (var (name, declaration) in declarations)
            {
                var fallback = declaration is JsonObject d ? d["default"] ?? d["value"] : declaration;
                if (fallback is not null)
                {
                    values[FullKey(name)] = JsonValue.Create(fallback is JsonValue v && v.TryGetValue<string>(out var s) ? s : JsonText.Compact(fallback));
                }
            }
        }

        foreach (var (key, value) in settings.Config)
        {
            values[key] = Decode(value, decrypt);
        }

        return values;
    }

    private JsonNode? Decode(JsonNode? node, bool decrypt) => node switch
    {
        _ when StackSettings.IsSecure(node) => decrypt
            ? SecretValues.Wrap(JsonValue.Create(context.GetCrypter(settings, createIfMissing: false).Decrypt(node!["secure"]!.GetValue<string>())))
            : SecretValues.Wrap(JsonValue.Create(SecretValues.Placeholder)),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Decode(p.Value, decrypt)))),
        JsonArray a => new JsonArray([.. a.Select(n => Decode(n, decrypt))]),
        _ => node?.DeepClone(),
    };

    private (string Root, List<object> Segments) SplitPath(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon >= 0 ? key[..(colon + 1)] : $"{project.Name}:";
        var rest = colon >= 0 ? key[(colon + 1)..] : key;
        var segments = new List<object>();
        var name = new System.Text.StringBuilder();
        string? root = null;
        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c is '.' or '[')
            {
                Flush();
                if (c == '[')
                {
                    var end = rest.IndexOf(']', i);
                    var inner = rest[(i + 1)..end].Trim('"');
                    segments.Add(int.TryParse(inner, out var index) ? index : inner);
                    i = end;
                }

                continue;
            }

            name.Append(c);
        }

        Flush();
        return (prefix + root, segments);

        void Flush()
        {
            if (name.Length == 0)
            {
                return;
            }

            if (root is null)
            {
                root = name.ToString();
            }
            else
            {
                segments.Add(name.ToString());
            }

            name.Clear();
        }
    }

    private static JsonNode SetChild(JsonNode container, object segment, JsonNode? value, bool overwrite)
    {
        if (segment is int index && container is JsonArray array)
        {
            while (array.Count <= index)
            {
                array.Add(null);
            }

            if (overwrite || array[index] is not (JsonObject or JsonArray))
            {
                array[index] = value;
            }

            return array[index]!;
        }

        var obj = container as JsonObject ?? throw new CliException("an array index can only be used on an array");
        var name = segment.ToString()!;
        if (overwrite || obj[name] is not (JsonObject or JsonArray))
        {
            obj[name] = value;
        }

        return obj[name]!;
    }
}
