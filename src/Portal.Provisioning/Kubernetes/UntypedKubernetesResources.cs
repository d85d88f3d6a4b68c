using System.Diagnostics.CodeAnalysis;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes;

/// <summary>
/// REST locations of the kinds a manifest may name, for clients that handle objects as whole JSON
/// (<see cref="KubernetesObject"/>) rather than through a model. Without discovery the plural and scope of a kind cannot be
/// derived from its name, so the table lists the built-in kinds deployment programs use.
/// </summary>
public static class UntypedKubernetesResources
{
    private static readonly Dictionary<(string ApiVersion, string Kind), KubernetesResource<KubernetesObject>> s_known = new[]
    {
        FromTyped(KubernetesResources.Namespaces),
        FromTyped(KubernetesResources.Pods),
        FromTyped(KubernetesResources.Services),
        FromTyped(KubernetesResources.Events),
        FromTyped(KubernetesResources.Deployments),
        FromTyped(KubernetesResources.ReplicaSets),
        FromTyped(KubernetesResources.Ingresses),
        Create("", "v1", "configmaps", "ConfigMap", namespaced: true),
        Create("", "v1", "secrets", "Secret", namespaced: true),
        Create("", "v1", "serviceaccounts", "ServiceAccount", namespaced: true),
        Create("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", namespaced: true),
        Create("apps", "v1", "statefulsets", "StatefulSet", namespaced: true),
        Create("apps", "v1", "daemonsets", "DaemonSet", namespaced: true),
        Create("batch", "v1", "jobs", "Job", namespaced: true),
        Create("batch", "v1", "cronjobs", "CronJob", namespaced: true),
        Create("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", namespaced: true),
        Create("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", namespaced: true),
        Create("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", namespaced: true),
        Create("rbac.authorization.k8s.io", "v1", "roles", "Role", namespaced: true),
        Create("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", namespaced: true),
        Create("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", namespaced: false),
        Create("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", namespaced: false),
    }.ToDictionary(r => (r.ApiVersion, r.Kind));

    /// <summary>The resource for <paramref name="apiVersion"/> (<c>v1</c>, <c>apps/v1</c>, …) and <paramref name="kind"/>, if listed.</summary>
    public static bool TryFind(string apiVersion, string kind, [NotNullWhen(true)] out KubernetesResource<KubernetesObject>? resource) =>
        s_known.TryGetValue((apiVersion, kind), out resource);

    /// <summary>A resource the table does not list (a CRD, say), when the caller knows its plural and scope.</summary>
    public static KubernetesResource<KubernetesObject> Create(string group, string version, string plural, string kind, bool namespaced) =>
        new(group, version, plural, kind, namespaced, KubernetesJsonContext.Default.KubernetesObject, KubernetesJsonContext.Default.KubernetesListKubernetesObject);

    private static KubernetesResource<KubernetesObject> FromTyped<T>(KubernetesResource<T> typed)
        where T : class, IKubernetesObject =>
        Create(typed.Group, typed.Version, typed.Plural, typed.Kind, typed.Namespaced);
}
