namespace Portal.Provisioning.Access;

/// <summary>Whether an action is allowed, and when not, a sentence saying which role it needs.</summary>
public sealed record PermissionDecision(bool Allowed, string? Reason)
{
    public static PermissionDecision Allow { get; } = new(true, null);

    public static PermissionDecision Deny(string reason) => new(false, reason);
}
