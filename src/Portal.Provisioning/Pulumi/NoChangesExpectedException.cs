namespace Portal.Provisioning.Pulumi;

/// <summary>`--expect-no-changes` was given and there were changes (exit code 7): drift.</summary>
public sealed class NoChangesExpectedException : PulumiCommandException
{
    public NoChangesExpectedException()
    {
    }

    public NoChangesExpectedException(string message)
        : base(message)
    {
    }

    public NoChangesExpectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NoChangesExpectedException(string command, int exitCode, string standardOutput, string standardError)
        : base(command, exitCode, standardOutput, standardError)
    {
    }
}
