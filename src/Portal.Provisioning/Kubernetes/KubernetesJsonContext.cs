using System.Text.Json.Serialization;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Configuration;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes;

/// <summary>Source-generated serializers with the Kubernetes wire conventions: camelCase names, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(ReplicaSet))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(Ingress))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(KubernetesObject))]
[JsonSerializable(typeof(KubernetesList<KubernetesObject>))]
[JsonSerializable(typeof(KubernetesList<Namespace>))]
[JsonSerializable(typeof(KubernetesList<Pod>))]
[JsonSerializable(typeof(KubernetesList<Deployment>))]
[JsonSerializable(typeof(KubernetesList<ReplicaSet>))]
[JsonSerializable(typeof(KubernetesList<Service>))]
[JsonSerializable(typeof(KubernetesList<Ingress>))]
[JsonSerializable(typeof(KubernetesList<Event>))]
[JsonSerializable(typeof(Kubeconfig))]
[JsonSerializable(typeof(ExecCredential))]
[JsonSerializable(typeof(VersionInfo))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
internal sealed partial class KubernetesJsonContext : JsonSerializerContext;
