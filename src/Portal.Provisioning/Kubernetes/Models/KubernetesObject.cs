using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Portal.Provisioning.Kubernetes.Models;

/// <summary>
/// Any object as the API server has it, kept whole as JSON: kinds the portal has no model for (ConfigMap, Secret, HPA, …),
/// and manifests that must round-trip every field (a typed model drops the fields it does not know).
/// </summary>
[JsonConverter(typeof(KubernetesObjectJsonConverter))]
public sealed class KubernetesObject : IKubernetesObject
{
    public KubernetesObject(JsonObject content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
    }

    /// <summary>The whole object; this is what is sent and what the server returned.</summary>
    public JsonObject Content { get; }

    public string? ApiVersion
    {
        get => Content["apiVersion"]?.GetValue<string>();
        set => Content["apiVersion"] = value;
    }

    public string? Kind
    {
        get => Content["kind"]?.GetValue<string>();
        set => Content["kind"] = value;
    }

    /// <summary>
    /// A typed copy of <c>metadata</c>, read from <see cref="Content"/> on every get: changing the copy changes nothing
    /// until it is assigned back (the JSON stays the one source of truth, so no field is lost).
    /// </summary>
    public ObjectMeta Metadata
    {
        get => Content["metadata"] is JsonObject metadata
            ? metadata.Deserialize(KubernetesJsonContext.Default.ObjectMeta) ?? new ObjectMeta()
            : new ObjectMeta();
        set => Content["metadata"] = JsonSerializer.SerializeToNode(value, KubernetesJsonContext.Default.ObjectMeta);
    }
}
