namespace Portal.Sandbox.Kubernetes.Store;

/// <summary>The kinds the sandbox serves (core/v1, apps/v1, autoscaling/v2, networking.k8s.io/v1).</summary>
internal static class ResourceTypes
{
    public static readonly ResourceType Namespaces = new("", "v1", "namespaces", "namespace", "Namespace", false, ["ns"], true, false);
    public static readonly ResourceType Pods = new("", "v1", "pods", "pod", "Pod", true, ["po"], true, false);
    public static readonly ResourceType Services = new("", "v1", "services", "service", "Service", true, ["svc"], true, false);
    public static readonly ResourceType Events = new("", "v1", "events", "event", "Event", true, ["ev"], false, false);
    public static readonly ResourceType ConfigMaps = new("", "v1", "configmaps", "configmap", "ConfigMap", true, ["cm"], false, false);
    public static readonly ResourceType Secrets = new("", "v1", "secrets", "secret", "Secret", true, [], false, false);
    public static readonly ResourceType ServiceAccounts = new("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, ["sa"], false, false);
    public static readonly ResourceType Deployments = new("apps", "v1", "deployments", "deployment", "Deployment", true, ["deploy"], true, true);
    public static readonly ResourceType ReplicaSets = new("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, ["rs"], true, true);
    public static readonly ResourceType HorizontalPodAutoscalers =
        new("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", true, ["hpa"], true, false);
    public static readonly ResourceType Ingresses = new("networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, ["ing"], true, true);

    public static readonly IReadOnlyList<ResourceType> All =
    [
        Namespaces, Pods, Services, Events, ConfigMaps, Secrets, ServiceAccounts, Deployments, ReplicaSets, HorizontalPodAutoscalers, Ingresses,
    ];

    public static ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    public static IEnumerable<string> GroupVersions => All.Select(t => t.GroupVersion).Distinct();
}
