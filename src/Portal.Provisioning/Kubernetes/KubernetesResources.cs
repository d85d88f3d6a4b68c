using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes;

/// <summary>The kinds the portal uses.</summary>
public static class KubernetesResources
{
    private static KubernetesJsonContext Json => KubernetesJsonContext.Default;

    public static KubernetesResource<Namespace> Namespaces { get; } = new("", "v1", "namespaces", "Namespace", false, Json.Namespace, Json.KubernetesListNamespace);
    public static KubernetesResource<Pod> Pods { get; } = new("", "v1", "pods", "Pod", true, Json.Pod, Json.KubernetesListPod);
    public static KubernetesResource<Service> Services { get; } = new("", "v1", "services", "Service", true, Json.Service, Json.KubernetesListService);
    public static KubernetesResource<Event> Events { get; } = new("", "v1", "events", "Event", true, Json.Event, Json.KubernetesListEvent);
    public static KubernetesResource<Deployment> Deployments { get; } = new("apps", "v1", "deployments", "Deployment", true, Json.Deployment, Json.KubernetesListDeployment);
    public static KubernetesResource<ReplicaSet> ReplicaSets { get; } = new("apps", "v1", "replicasets", "ReplicaSet", true, Json.ReplicaSet, Json.KubernetesListReplicaSet);
    public static KubernetesResource<Ingress> Ingresses { get; } = new("networking.k8s.io", "v1", "ingresses", "Ingress", true, Json.Ingress, Json.KubernetesListIngress);
}
