using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Portal.Provisioning.Kubernetes.Models;

/// <summary>(De)serializes <see cref="KubernetesObject"/> as its JSON content, untouched.</summary>
internal sealed class KubernetesObjectJsonConverter : JsonConverter<KubernetesObject>
{
    public override KubernetesObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonNode.Parse(ref reader) is JsonObject content
            ? new KubernetesObject(content)
            : throw new JsonException("A Kubernetes object must be a JSON object.");

    public override void Write(Utf8JsonWriter writer, KubernetesObject value, JsonSerializerOptions options) =>
        value.Content.WriteTo(writer, options);
}
