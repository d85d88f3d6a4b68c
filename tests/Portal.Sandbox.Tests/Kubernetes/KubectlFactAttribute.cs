namespace Portal.Sandbox.Tests.Kubernetes;

/// <summary>A fact that runs only where the real kubectl is installed (/usr/bin/kubectl or KUBECTL_PATH), and says why otherwise.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (!File.Exists(Kubectl.Path))
        {
            Skip = $"kubectl is not installed at {Kubectl.Path}; set KUBECTL_PATH to run the kubectl fidelity tests.";
        }
    }
}
