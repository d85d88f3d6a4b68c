namespace Portal.Provisioning.Pulumi;

/// <summary>The stack already exists (`stack … already exists`).</summary>
public sealed class StackAlreadyExistsException : PulumiCommandException
{
    public StackAlreadyExistsException()
    {
    }

    public StackAlreadyExistsException(string message)
        : base(message)
    {
    }

    public StackAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StackAlreadyExistsException(string command, int exitCode, string standardOutput, string standardError)
        : base(command, exitCode, standardOutput, standardError)
    {
    }
}
