using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portal.Provisioning.Kubernetes.Configuration;

/// <summary>
/// Reads a kubeconfig written as JSON (what Pulumi emits) or YAML (what aws eks update-kubeconfig writes).
/// YAML is first turned into a JSON tree so one set of System.Text.Json names describes both.
/// </summary>
public static class KubeconfigParser
{
    public static Kubeconfig Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0)
        {
            throw new KubeconfigException("The kubeconfig is empty.");
        }

        try
        {
            var node = trimmed[0] is '{' ? JsonNode.Parse(trimmed) : YamlToJson(trimmed);
            return node.Deserialize(KubernetesJsonContext.Default.Kubeconfig)
                ?? throw new KubeconfigException("The kubeconfig is empty.");
        }
        catch (Exception ex) when (ex is JsonException or YamlException or FormatException)
        {
            throw new KubeconfigException($"The kubeconfig cannot be read: {ex.Message}", ex);
        }
    }

    private static JsonNode? YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => null,
    };

    // Only plain (unquoted) scalars carry YAML's implicit types; kubeconfig needs booleans and null, numbers stay text.
    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            "" or "~" or "null" or "Null" or "NULL" => null,
            _ => JsonValue.Create(value),
        };
    }
}
