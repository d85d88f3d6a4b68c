using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes.Errors;

/// <summary>403: RBAC denies the call.</summary>
public sealed class KubernetesForbiddenException(Status status) : KubernetesApiException(status);
