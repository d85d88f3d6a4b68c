using System.Net.Http.Headers;

namespace Portal.Provisioning.Kubernetes.Authentication;

/// <summary>Supplies the Authorization header for one cluster; caches as the source allows.</summary>
public interface ICredentialProvider
{
    ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called after a 401 carrying <paramref name="rejected"/>: the next call must produce a fresh credential
    /// (as client-go re-runs an exec plugin). Returns true when a retry could succeed.
    /// </summary>
    bool Invalidate(AuthenticationHeaderValue rejected);
}
