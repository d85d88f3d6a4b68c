using Portal.Provisioning.Access;

namespace Portal.Provisioning.Environments;

/// <summary>Who asks for an operation, from where, and with which roles: recorded on the job and in the audit entry.</summary>
/// <param name="Name">The user (or token owner) name recorded on jobs and audit entries.</param>
/// <param name="RemoteAddress">The client address, when known.</param>
public sealed record ActorContext(string Name, string? RemoteAddress)
{
    /// <summary>The roles the actor holds; services check them before doing anything.</summary>
    public PortalRoles Roles { get; init; }
}
