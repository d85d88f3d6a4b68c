using Portal.Sandbox.Kubernetes;
using Portal.Sandbox.Pulumi;

// One executable, two simulated peers. The first argument picks which one runs:
//   Portal.Sandbox kube-server [options]   a Kubernetes-compatible API server (kubectl works against it)
//   Portal.Sandbox pulumi <pulumi args>    a pulumi-compatible CLI (the portal's driver runs it like the real one)
return args.FirstOrDefault() switch
{
    "kube-server" => await KubeServerCommand.RunAsync(args[1..]),
    "pulumi" => await RunPulumiAsync(args[1..]),
    _ => Usage(),
};

static async Task<int> RunPulumiAsync(string[] arguments)
{
    InterruptSignal.EnsureDeliverable();
    return await SandboxPulumiCli.RunAsync(arguments);
}

static int Usage()
{
    Console.Error.WriteLine("usage: Portal.Sandbox kube-server [--port N] [--https-port N] [--kubeconfig-out FILE] [--speed F]");
    Console.Error.WriteLine("       Portal.Sandbox pulumi <pulumi arguments>");
    return 2;
}
