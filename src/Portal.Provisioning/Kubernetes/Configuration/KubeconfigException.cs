namespace Portal.Provisioning.Kubernetes.Configuration;

/// <summary>A kubeconfig that cannot be read or does not describe a usable cluster.</summary>
public sealed class KubeconfigException : Exception
{
    public KubeconfigException(string message)
        : base(message)
    {
    }

    public KubeconfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
