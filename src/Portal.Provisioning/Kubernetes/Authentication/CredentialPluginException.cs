namespace Portal.Provisioning.Kubernetes.Authentication;

/// <summary>An exec credential plugin (or native EKS token generation) failed; the message is safe to show.</summary>
public sealed class CredentialPluginException : Exception
{
    public CredentialPluginException(string message)
        : base(message)
    {
    }

    public CredentialPluginException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
