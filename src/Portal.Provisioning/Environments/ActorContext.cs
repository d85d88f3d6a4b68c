namespace Portal.Provisioning.Environments;

/// <summary>Who asks for an operation and from where: recorded on the job and in the audit entry.</summary>
public sealed record ActorContext(string Name, string? RemoteAddress);
