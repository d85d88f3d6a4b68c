namespace Portal.Provisioning.Access;

/// <summary><c>Auth:TrustedHeader</c>: the headers an authenticating proxy sets, and which peers may set them.</summary>
public sealed class TrustedHeaderOptions
{
    public string UserHeader { get; set; } = "X-Forwarded-User";

    /// <summary>Comma-separated group names.</summary>
    public string GroupsHeader { get; set; } = "X-Forwarded-Groups";

    /// <summary>Group name → role names (<c>"platform-admins": "Admin"</c>, or <c>"Operator, Approver"</c>).</summary>
    public Dictionary<string, string> GroupRoles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Addresses or CIDR ranges of the proxies; the headers of any other peer are refused.</summary>
    public List<string> TrustedProxies { get; set; } = [];
}
