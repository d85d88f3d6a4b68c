using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes.Errors;

/// <summary>404.</summary>
public sealed class KubernetesNotFoundException(Status status) : KubernetesApiException(status);
