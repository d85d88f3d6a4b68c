namespace Portal.Sandbox.Pulumi;

/// <summary>Entry point of <c>Portal.Sandbox pulumi ...</c>: the pulumi-compatible CLI.</summary>
public static class SandboxPulumiCli
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine($"the sandbox pulumi CLI is not built yet ({args.Length} arguments ignored); see issue 4.");
        return Task.FromResult(2);
    }
}
