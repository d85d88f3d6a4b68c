using System.Net;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes.Errors;

/// <summary>The API server answered with a failure Status. Subclasses name the cases callers branch on.</summary>
public class KubernetesApiException : Exception
{
    public KubernetesApiException(Status status)
        : base(status?.Message ?? "The Kubernetes API call failed.")
    {
        Status = status ?? new Status();
    }

    public Status Status { get; }

    public HttpStatusCode StatusCode => (HttpStatusCode)Status.Code;

    public string? Reason => Status.Reason;

    /// <summary>Maps a Status to the matching typed exception (by code, as client-go does, since reasons vary: 410 is Expired or Gone).</summary>
    public static KubernetesApiException From(Status status) => status.Code switch
    {
        401 => new KubernetesUnauthorizedException(status),
        403 => new KubernetesForbiddenException(status),
        404 => new KubernetesNotFoundException(status),
        409 => new KubernetesConflictException(status),
        410 => new KubernetesGoneException(status),
        _ => new KubernetesApiException(status),
    };
}
