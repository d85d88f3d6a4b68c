namespace Portal.Web.Hosting;

/// <summary>The <c>Sandbox</c> section: how the simulated cloud behaves when <c>Portal:Mode</c> is Sandbox.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Divides every simulated delay: 1 looks real in a demo (an EKS cluster takes about 20 s); tests use more.</summary>
    public double Speed { get; set; } = 1;

    /// <summary>Where the sandbox keeps its launcher and kubeconfig, under the data directory.</summary>
    public static string DirectoryUnder(string dataDirectory) => Path.Combine(dataDirectory, "sandbox");

    /// <summary>The generated <c>pulumi</c> launcher that runs the sandbox CLI.</summary>
    public static string LauncherDirectoryUnder(string dataDirectory) => Path.Combine(DirectoryUnder(dataDirectory), "bin");

    public static string KubeconfigPathUnder(string dataDirectory) => Path.Combine(DirectoryUnder(dataDirectory), "kubeconfig.json");

    /// <summary>
    /// The simulated cluster's state (CA, token, port, objects): kept with the data directory, so the sandbox cluster
    /// survives portal restarts as a real EKS cluster does and the kubeconfigs saved in stacks keep working.
    /// </summary>
    public static string ClusterStateDirectoryUnder(string dataDirectory) => Path.Combine(DirectoryUnder(dataDirectory), "cluster");
}
