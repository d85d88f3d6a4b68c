namespace Portal.Provisioning.Pulumi;

/// <summary>The configured <c>pulumi</c> executable could not be started.</summary>
public sealed class PulumiCliNotFoundException : PulumiCommandException
{
    public PulumiCliNotFoundException()
    {
    }

    public PulumiCliNotFoundException(string message)
        : base(message)
    {
    }

    public PulumiCliNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
