using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary><c>version</c>, <c>whoami</c>, <c>cancel</c>.</summary>
internal static class MiscCommands
{
    public static int Version(SandboxContext context)
    {
        context.Out.WriteLine(DeploymentState.CliVersion);
        return 0;
    }

    public static int WhoAmI(SandboxContext context)
    {
        var url = context.Environment("PULUMI_BACKEND_URL") ?? "file://~";
        if (context.Args.Has("json"))
        {
            context.Out.Write(JsonText.PrettyOrdered(new JsonObject { ["user"] = Environment.UserName, ["url"] = url }));
        }
        else
        {
            context.Out.WriteLine(Environment.UserName);
        }

        return 0;
    }

    /// <summary>On a file backend <c>cancel</c> deletes every lock file of the stack; it does not signal the running CLI.</summary>
    public static int Cancel(SandboxContext context)
    {
        var project = context.LoadProject();
        var stack = context.ResolveStack(project);
        if (!context.Args.Has("yes") && !context.Args.Has("non-interactive"))
        {
            throw new CliException("--yes must be passed in to proceed when running in non-interactive mode", CliExitCodes.Invocation);
        }

        foreach (var file in context.Backend.LockFiles(project.Name, stack))
        {
            File.Delete(file);
        }

        context.Out.WriteLine($"The currently running update for '{stack}' has been canceled!");
        return 0;
    }
}
