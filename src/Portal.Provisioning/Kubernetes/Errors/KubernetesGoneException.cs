using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes.Errors;

/// <summary>410: the resourceVersion is too old (Expired); re-list.</summary>
public sealed class KubernetesGoneException(Status status) : KubernetesApiException(status);
