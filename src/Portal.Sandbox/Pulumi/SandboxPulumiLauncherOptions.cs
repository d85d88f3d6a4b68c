namespace Portal.Sandbox.Pulumi;

/// <summary>What the generated <c>pulumi</c> launcher exports before running the sandbox CLI.</summary>
public sealed record SandboxPulumiLauncherOptions
{
    /// <summary>The Portal.Sandbox executable; found next to the running app when null.</summary>
    public string? SandboxExecutable { get; init; }

    /// <summary>Kubeconfig (JSON) of the sandbox Kubernetes API server, exported as <c>PORTAL_SANDBOX_KUBECONFIG</c>.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Speed factor exported as <c>PORTAL_SANDBOX_SPEED</c> (simulated delays are divided by it).</summary>
    public double? Speed { get; init; }
}
