using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portal.Sandbox.Pulumi;

/// <summary>Evaluates Pulumi YAML values: <c>${root.path[0]["key"]}</c> interpolation and the <c>fn::</c> functions the
/// sandbox supports. Secrets propagate: anything computed from a secret is a secret. Unknown values (previews) propagate too.</summary>
internal sealed partial class ExpressionEvaluator(Func<string, JsonNode?> resolveRoot, bool allowUnknown)
{
    public const string Unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    public JsonNode? Evaluate(JsonNode? template) => template switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => EvaluateString(text),
        JsonObject o when o.Count == 1 && o.First().Key.StartsWith("fn::", StringComparison.Ordinal) => EvaluateFunction(o.First().Key, o.First().Value),
        JsonObject o => EvaluateObject(o),
        JsonArray a => new JsonArray([.. a.Select(Evaluate)]),
        _ => template?.DeepClone(),
    };

    /// <summary>The root names (variables, resources, config) a template refers to: the program's dependency edges.</summary>
    public static IEnumerable<string> References(JsonNode? template) => template switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => Interpolation().Matches(text).Select(m => RootOf(m.Groups[1].Value)),
        JsonObject o => o.SelectMany(p => References(JsonValue.Create(p.Key)).Concat(References(p.Value))),
        JsonArray a => a.SelectMany(References),
        _ => [],
    };

    public static bool IsUnknown(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s == Unknown;

    /// <summary>
    /// Keys are expressions too, as in pulumi-yaml (an IRSA trust policy's condition is keyed by the cluster's OIDC issuer):
    /// a key that is not yet known makes the whole object unknown, and a secret key makes it secret.
    /// </summary>
    private JsonNode? EvaluateObject(JsonObject template)
    {
        var result = new JsonObject();
        var secret = false;
        foreach (var (key, value) in template)
        {
            var evaluated = SecretValues.Unwrap(EvaluateString(key), out var isSecret);
            if (IsUnknown(evaluated))
            {
                return JsonValue.Create(Unknown);
            }

            if (evaluated is not JsonValue v || !v.TryGetValue<string>(out var name))
            {
                throw new CliException($"object key must evaluate to a string, not {evaluated?.GetValueKind().ToString().ToLowerInvariant() ?? "null"} ('{key}')");
            }

            secret |= isSecret;
            result[name] = Evaluate(value);
        }

        return secret ? SecretValues.Wrap(result) : result;
    }

    private JsonNode? EvaluateString(string text)
    {
        var matches = Interpolation().Matches(text);
        if (matches.Count == 0)
        {
            return JsonValue.Create(text.Replace("$${", "${", StringComparison.Ordinal));
        }

        if (matches.Count == 1 && matches[0].Length == text.Length)
        {
            return ResolvePath(matches[0].Groups[1].Value);
        }

        var builder = new StringBuilder();
        var secret = false;
        var last = 0;
        foreach (Match match in matches)
        {
            builder.Append(text[last..match.Index].Replace("$${", "${", StringComparison.Ordinal));
            var value = SecretValues.Unwrap(ResolvePath(match.Groups[1].Value), out var isSecret);
            secret |= isSecret || SecretValues.ContainsSecret(value);
            if (IsUnknown(value))
            {
                return JsonValue.Create(Unknown);
            }

            builder.Append(AsText(SecretValues.Reveal(value)));
            last = match.Index + match.Length;
        }

        builder.Append(text[last..]);
        JsonNode result = JsonValue.Create(builder.ToString());
        return secret ? SecretValues.Wrap(result) : result;
    }

    private JsonNode? ResolvePath(string expression)
    {
        var root = RootOf(expression);
        var node = resolveRoot(root);
        var secret = false;
        var rest = expression[root.Length..];
        foreach (Match accessor in Accessor().Matches(rest))
        {
            node = SecretValues.Unwrap(node, out var isSecret);
            secret |= isSecret;
            if (IsUnknown(node))
            {
                return node;
            }

            var key = accessor.Groups["name"].Success ? accessor.Groups["name"].Value : accessor.Groups["key"].Value;
            JsonNode? next = accessor.Groups["index"].Success
                ? (node as JsonArray) is { } array && int.Parse(accessor.Groups["index"].Value) is var i && i < array.Count ? array[i] : null
                : (node as JsonObject)?[key];
            if (next is null && !(node is JsonObject o && o.ContainsKey(key)))
            {
                if (allowUnknown)
                {
                    return JsonValue.Create(Unknown);
                }

                throw new CliException($"${{{expression}}}: '{root}' has no property '{accessor.Value.TrimStart('.')}'");
            }

            node = next;
        }

        node = node?.DeepClone();
        return secret ? SecretValues.Wrap(node) : node;
    }

    private JsonNode? EvaluateFunction(string name, JsonNode? argument)
    {
        var value = Evaluate(argument);
        var secret = SecretValues.ContainsSecret(value);
        var plain = SecretValues.Reveal(value);
        if (ContainsUnknown(plain) && name != "fn::secret")
        {
            return JsonValue.Create(Unknown);
        }

        JsonNode? result = name switch
        {
            "fn::secret" => SecretValues.Wrap(value),
            "fn::join" when plain is JsonArray { Count: 2 } a && a[1] is JsonArray items =>
                JsonValue.Create(string.Join(AsText(a[0]), items.Select(AsText))),
            "fn::split" when plain is JsonArray { Count: 2 } a =>
                new JsonArray([.. AsText(a[1]).Split(AsText(a[0])).Select(s => (JsonNode)JsonValue.Create(s))]),
            "fn::select" when plain is JsonArray { Count: 2 } a && a[1] is JsonArray items => items[(int)a[0]!.GetValue<double>()]?.DeepClone(),
            "fn::toJSON" => JsonValue.Create(JsonText.Compact(plain)),
            "fn::toBase64" => JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(AsText(plain)))),
            "fn::fromBase64" => JsonValue.Create(Encoding.UTF8.GetString(Convert.FromBase64String(AsText(plain)))),
            "fn::invoke" => StandardFunctions.Invoke(plain),
            _ => throw new CliException($"the sandbox does not support {name} (supported: fn::secret, fn::join, fn::split, fn::select, fn::toJSON, fn::toBase64, fn::fromBase64, fn::invoke of {StandardFunctions.Supported})"),
        };
        return secret && name != "fn::secret" ? SecretValues.Wrap(result) : result;
    }

    private static bool ContainsUnknown(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(p => ContainsUnknown(p.Value)),
        JsonArray a => a.Any(ContainsUnknown),
        _ => IsUnknown(node),
    };

    private static string AsText(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : JsonText.Compact(node);

    private static string RootOf(string expression) => RootName().Match(expression).Value;

    [GeneratedRegex(@"(?<!\$)\$\{([^}]+)\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_:\-]*")]
    private static partial Regex RootName();

    [GeneratedRegex(@"\.(?<name>[A-Za-z_][A-Za-z0-9_\-]*)|\[(?<index>[0-9]+)\]|\[""(?<key>[^""]*)""\]")]
    private static partial Regex Accessor();
}
