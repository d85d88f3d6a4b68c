namespace Portal.Provisioning.Environments;

/// <summary>A resource a drift check found deleted outside Pulumi: in the stack's state, gone from the cloud.</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource type token.</param>
/// <param name="Name">The resource's name (the last URN segment).</param>
/// <param name="Change">What happened to it, for people and pipelines reading the result: <see cref="Description"/>.</param>
public sealed record DeletedResource(string Urn, string Type, string Name, string Change = DeletedResource.Description)
{
    public const string Description = "deleted outside Pulumi";

    public static DeletedResource From(string urn, string type)
    {
        ArgumentNullException.ThrowIfNull(urn);
        var separator = urn.LastIndexOf("::", StringComparison.Ordinal);
        return new DeletedResource(urn, type, separator >= 0 ? urn[(separator + 2)..] : urn);
    }
}
