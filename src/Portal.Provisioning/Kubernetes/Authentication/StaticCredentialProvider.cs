using System.Net.Http.Headers;
using System.Text;

namespace Portal.Provisioning.Kubernetes.Authentication;

/// <summary>A bearer token or basic credentials written in the kubeconfig: nothing to refresh.</summary>
public sealed class StaticCredentialProvider : ICredentialProvider
{
    private readonly AuthenticationHeaderValue _header;

    private StaticCredentialProvider(AuthenticationHeaderValue header) => _header = header;

    public static StaticCredentialProvider Bearer(string token) => new(new AuthenticationHeaderValue("Bearer", token));

    public static StaticCredentialProvider Basic(string username, string password) =>
        new(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"))));

    public ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken) => ValueTask.FromResult<AuthenticationHeaderValue?>(_header);

    public bool Invalidate(AuthenticationHeaderValue rejected) => false;
}
