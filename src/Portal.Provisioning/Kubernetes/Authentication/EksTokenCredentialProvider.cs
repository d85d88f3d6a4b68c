using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Kubernetes.Authentication;

/// <summary>
/// Replaces an <c>aws eks get-token</c> exec plugin: the token is generated in process from SDK-resolved credentials
/// and cached until one minute before STS would reject it.
/// </summary>
public sealed class EksTokenCredentialProvider(EksTokenRequest request, IAwsCredentialSource credentials, TimeProvider timeProvider, ILogger logger)
    : ICredentialProvider, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private EksToken? _cached;

    public async ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = timeProvider.GetUtcNow();
            if (_cached is null || now >= _cached.ExpiresAt)
            {
                var resolved = await credentials.ResolveAsync(request.Profile, request.RoleArn, request.Region, cancellationToken);
                _cached = EksTokenGenerator.Generate(resolved, request.ClusterId, request.Region, now);
                KubernetesLog.EksTokenGenerated(logger, request.ClusterId, request.Region);
            }

            return new AuthenticationHeaderValue("Bearer", _cached.Token);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    public bool Invalidate(AuthenticationHeaderValue rejected)
    {
        _cached = null;
        return true;
    }
}
