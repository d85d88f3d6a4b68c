namespace Portal.Provisioning.Kubernetes.Configuration;

/// <summary>users[].user.exec: a credential plugin (client.authentication.k8s.io v1 or v1beta1).</summary>
public sealed class ExecConfig
{
    public string ApiVersion { get; set; } = "";
    public string Command { get; set; } = "";
    public List<string>? Args { get; set; }
    public List<ExecEnvVar>? Env { get; set; }

    /// <summary>Never, IfAvailable or Always; required for v1. The portal never runs plugins interactively.</summary>
    public string? InteractiveMode { get; set; }

    public bool ProvideClusterInfo { get; set; }
    public string? InstallHint { get; set; }
}
