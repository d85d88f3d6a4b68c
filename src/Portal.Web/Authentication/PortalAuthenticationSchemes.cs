namespace Portal.Web.Authentication;

/// <summary>The authentication schemes: the UI's (a cookie, or a trusted proxy's headers) and the API's bearer tokens.</summary>
public static class PortalAuthenticationSchemes
{
    /// <summary>The default: forwards to <see cref="ApiToken"/> under <c>/api</c>, else to the UI's scheme of <c>Auth:Mode</c>.</summary>
    public const string Portal = "Portal";

    public const string Cookie = "PortalCookie";

    public const string TrustedHeader = "TrustedHeader";

    public const string ApiToken = "ApiToken";
}
