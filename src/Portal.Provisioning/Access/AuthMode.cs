namespace Portal.Provisioning.Access;

public enum AuthMode
{
    /// <summary>Local accounts: the portal's sign-in page, passwords hashed in the Users table, a cookie.</summary>
    Local,

    /// <summary>An authenticating proxy in front (oauth2-proxy, an ALB with OIDC) names the user in request headers.</summary>
    TrustedHeader,
}
