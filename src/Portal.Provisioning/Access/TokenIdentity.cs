namespace Portal.Provisioning.Access;

/// <summary>Who a valid bearer token acts as: its owner with the owner's current roles.</summary>
public sealed record TokenIdentity(string UserName, PortalRoles Roles, long? TokenId, string TokenName);
