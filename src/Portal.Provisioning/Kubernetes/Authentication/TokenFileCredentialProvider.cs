using System.Net.Http.Headers;

namespace Portal.Provisioning.Kubernetes.Authentication;

/// <summary>
/// A token read from a file (kubeconfig tokenFile, or the in-cluster projected service account token, which the kubelet
/// rotates): re-read at most once a minute, as client-go's cachingTokenSource does, and at once after a 401.
/// </summary>
public sealed class TokenFileCredentialProvider(string path, TimeProvider timeProvider) : ICredentialProvider
{
    private static readonly TimeSpan s_rereadAfter = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private AuthenticationHeaderValue? _cached;
    private DateTimeOffset _readAt;

    public async ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_cached is not null && timeProvider.GetUtcNow() - _readAt < s_rereadAfter)
            {
                return _cached;
            }
        }

        var token = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        var header = new AuthenticationHeaderValue("Bearer", token);
        lock (_lock)
        {
            _cached = header;
            _readAt = timeProvider.GetUtcNow();
        }

        return header;
    }

    public bool Invalidate(AuthenticationHeaderValue rejected)
    {
        lock (_lock)
        {
            _cached = null;
        }

        return true;
    }
}
