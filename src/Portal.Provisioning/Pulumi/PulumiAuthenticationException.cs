namespace Portal.Provisioning.Pulumi;

/// <summary>Credentials or passphrase are wrong or missing (exit code 3, `incorrect passphrase`, `passphrase must be set`).</summary>
public sealed class PulumiAuthenticationException : PulumiCommandException
{
    public PulumiAuthenticationException()
    {
    }

    public PulumiAuthenticationException(string message)
        : base(message)
    {
    }

    public PulumiAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PulumiAuthenticationException(string command, int exitCode, string standardOutput, string standardError)
        : base(command, exitCode, standardOutput, standardError)
    {
    }
}
