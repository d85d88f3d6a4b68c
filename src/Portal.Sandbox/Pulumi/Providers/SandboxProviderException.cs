namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>A provider operation failed; the engine reports it as the resource's error diagnostic.</summary>
public sealed class SandboxProviderException : Exception
{
    public SandboxProviderException()
    {
    }

    public SandboxProviderException(string message)
        : base(message)
    {
    }

    public SandboxProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
