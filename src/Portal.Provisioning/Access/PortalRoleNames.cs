namespace Portal.Provisioning.Access;

/// <summary>Roles to and from text (the Users table, configuration, claims): <c>Operator, Admin</c>.</summary>
public static class PortalRoleNames
{
    /// <summary>The roles' names, comma separated; empty for none.</summary>
    public static string Format(PortalRoles roles) =>
        string.Join(", ", Enum.GetValues<PortalRoles>().Where(r => r != PortalRoles.None && roles.HasFlag(r)));

    /// <summary>Parses names separated by commas (case-insensitive); unknown names are reported, not ignored.</summary>
    public static bool TryParse(string? text, out PortalRoles roles, out string? unknown)
    {
        roles = PortalRoles.None;
        unknown = null;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<PortalRoles>(part, ignoreCase: true, out var role) || !Enum.IsDefined(role) || role == PortalRoles.None || int.TryParse(part, out _))
            {
                unknown = part;
                return false;
            }

            roles |= role;
        }

        return true;
    }

    /// <summary>Parses stored roles; anything unknown is dropped (stored values were validated when written).</summary>
    public static PortalRoles Parse(string? text)
    {
        var roles = PortalRoles.None;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<PortalRoles>(part, ignoreCase: true, out var role) && Enum.IsDefined(role))
            {
                roles |= role;
            }
        }

        return roles;
    }
}
