namespace Portal.Sandbox.Kubernetes;

/// <summary>Entry point of <c>Portal.Sandbox kube-server</c>: runs the sandbox Kubernetes API server standalone.</summary>
public static class KubeServerCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine($"kube-server is not built yet ({args.Length} arguments ignored); see issue 3.");
        return Task.FromResult(2);
    }
}
