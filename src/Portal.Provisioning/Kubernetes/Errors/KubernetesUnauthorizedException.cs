using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes.Errors;

/// <summary>401: the credential is missing, expired or wrong.</summary>
public sealed class KubernetesUnauthorizedException(Status status) : KubernetesApiException(status);
