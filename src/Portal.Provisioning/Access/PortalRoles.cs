namespace Portal.Provisioning.Access;

/// <summary>
/// The roles of PRODUCT.md. Viewer reads (no secrets); Operator creates and changes non-production environments and
/// releases, restarts and rolls back; Approver approves or rejects protected changes; Admin manages users and tokens,
/// reveals secrets and may break glass. A user may hold several.
/// </summary>
[Flags]
public enum PortalRoles
{
    None = 0,
    Viewer = 1,
    Operator = 2,
    Approver = 4,
    Admin = 8,
}
