using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes.Errors;

/// <summary>409: a stale resourceVersion (re-read and retry) or AlreadyExists on create.</summary>
public sealed class KubernetesConflictException(Status status) : KubernetesApiException(status);
