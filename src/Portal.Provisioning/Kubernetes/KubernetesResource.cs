using System.Text.Json.Serialization.Metadata;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes;

/// <summary>Where a kind lives in the REST API, and how its objects and lists are (de)serialized.</summary>
public sealed class KubernetesResource<T>
    where T : class, IKubernetesObject
{
    internal KubernetesResource(string group, string version, string plural, string kind, bool namespaced, JsonTypeInfo<T> typeInfo, JsonTypeInfo<KubernetesList<T>> listTypeInfo)
    {
        Group = group;
        Version = version;
        Plural = plural;
        Kind = kind;
        Namespaced = namespaced;
        TypeInfo = typeInfo;
        ListTypeInfo = listTypeInfo;
    }

    /// <summary>Empty for the core group.</summary>
    public string Group { get; }
    public string Version { get; }
    public string Plural { get; }
    public string Kind { get; }
    public bool Namespaced { get; }
    public JsonTypeInfo<T> TypeInfo { get; }
    public JsonTypeInfo<KubernetesList<T>> ListTypeInfo { get; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection path: /api/v1/namespaces/ns/pods, or cluster-wide /api/v1/pods when <paramref name="ns"/> is null.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? "/api/" + Version : $"/apis/{Group}/{Version}";
        return Namespaced && ns is not null ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}" : $"{root}/{Plural}";
    }

    public string ItemPath(string? ns, string name) => $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";

    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
