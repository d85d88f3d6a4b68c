namespace Portal.Provisioning.Pulumi;

/// <summary>The stack does not exist (`no stack named … found`, exit code 6).</summary>
public sealed class StackNotFoundException : PulumiCommandException
{
    public StackNotFoundException()
    {
    }

    public StackNotFoundException(string message)
        : base(message)
    {
    }

    public StackNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StackNotFoundException(string command, int exitCode, string standardOutput, string standardError)
        : base(command, exitCode, standardOutput, standardError)
    {
    }
}
