namespace Portal.Provisioning.Pulumi;

/// <summary>Another update holds the stack (`the stack is currently locked by` on a file backend, `[409] Conflict` on Pulumi Cloud). Use cancel after making sure no CLI runs.</summary>
public sealed class ConcurrentUpdateException : PulumiCommandException
{
    public ConcurrentUpdateException()
    {
    }

    public ConcurrentUpdateException(string message)
        : base(message)
    {
    }

    public ConcurrentUpdateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConcurrentUpdateException(string command, int exitCode, string standardOutput, string standardError)
        : base(command, exitCode, standardOutput, standardError)
    {
    }
}
