using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary><c>stack init|select|ls|rm|output|history|export|import</c>.</summary>
internal static class StackCommands
{
    public static int Run(SandboxContext context, IReadOnlyList<string> positionals)
    {
        var project = context.LoadProject();
        context.Backend.EnsureInitialized();
        var name = positionals.Count > 1 ? positionals[1] : null;
        return (positionals.Count > 0 ? positionals[0] : null) switch
        {
            "init" => Init(context, project, name ?? context.Args.Get("stack")),
            "select" => Select(context, project, name ?? context.Args.Get("stack")),
            "ls" => List(context, project),
            "rm" => Remove(context, project, name),
            "output" => StackOutputCommand.Run(context, project, name),
            "history" => StackHistoryCommand.Run(context, project),
            "export" => StateCommands.Export(context, project),
            "import" => StateCommands.Import(context, project),
            null => throw new CliException("usage: pulumi stack <init|select|ls|rm|output|history|export|import>", CliExitCodes.Invocation),
            var other => throw new CliException($"unknown command \"{other}\" for \"pulumi stack\"", CliExitCodes.Invocation),
        };
    }

    private static int Init(SandboxContext context, ProjectInfo project, string? reference)
    {
        var stack = StackNames.Parse(reference ?? throw new CliException("missing stack name", CliExitCodes.Invocation), project.Name);
        if (context.Backend.StackExists(project.Name, stack))
        {
            throw new CliException($"stack 'organization/{project.Name}/{stack}' already exists");
        }

        var store = new StateStore(context, project, stack);
        context.GetCrypter(store.Settings, createIfMissing: true);
        store.Save(new DeploymentState());
        if (!context.Args.Has("no-select"))
        {
            context.SelectStack(project, stack);
        }

        context.Error.WriteLine($"Created stack '{stack}'");
        return 0;
    }

    private static int Select(SandboxContext context, ProjectInfo project, string? reference)
    {
        var stack = StackNames.Parse(reference ?? throw new CliException("no stack selected; please use `pulumi stack select` or `pulumi stack init` to choose one", CliExitCodes.StackNotFound), project.Name);
        if (!context.Backend.StackExists(project.Name, stack))
        {
            if (!context.Args.Has("create"))
            {
                throw new CliException($"no stack named '{stack}' found", CliExitCodes.StackNotFound);
            }

            return Init(context, project, stack);
        }

        context.SelectStack(project, stack);
        return 0;
    }

    private static int List(SandboxContext context, ProjectInfo project)
    {
        var current = context.Args.Get("stack") is null ? TrySelected(context, project) : null;
        var list = new JsonArray();
        foreach (var stack in context.Backend.ListStacks(project.Name))
        {
            var entry = new JsonObject { ["name"] = stack, ["current"] = stack == current };
            var deployment = context.Backend.ReadDeployment(project.Name, stack);
            if (deployment?["resources"] is JsonArray resources)
            {
                entry["lastUpdate"] = JsonText.Time(context.Backend.LastWriteTime(project.Name, stack)!.Value);
                entry["resourceCount"] = resources.Count;
            }

            list.Add(entry);
        }

        if (context.Args.Has("json"))
        {
            context.Out.Write(JsonText.PrettyOrdered(list));
            return 0;
        }

        context.Out.WriteLine("NAME  LAST UPDATE  RESOURCE COUNT");
        foreach (var entry in list)
        {
            context.Out.WriteLine($"{entry!["name"]}{((bool)entry["current"]! ? "*" : "")}  {entry["lastUpdate"] ?? "n/a"}  {entry["resourceCount"] ?? 0}");
        }

        return 0;
    }

    private static int Remove(SandboxContext context, ProjectInfo project, string? reference)
    {
        var stack = reference is null ? context.ResolveStack(project) : StackNames.Parse(reference, project.Name);
        if (!context.Backend.StackExists(project.Name, stack))
        {
            throw new CliException($"no stack named '{stack}' found", CliExitCodes.StackNotFound);
        }

        using var stackLock = StackLock.Acquire(context.Backend.LockDirectory(project.Name, stack));
        var hasResources = context.Backend.ReadDeployment(project.Name, stack)?["resources"] is JsonArray { Count: > 0 };
        if (hasResources && !context.Args.Has("force"))
        {
            throw new CliException(
                $"'{stack}' still has resources; removal rejected. Possible actions:\n- Make sure that '{stack}' is the stack that you want to destroy\n"
                + $"- Run `pulumi destroy` to delete the resources, then run `pulumi stack rm`\n- Run `pulumi stack rm --force` to override this error");
        }

        context.Backend.RemoveStack(project.Name, stack);
        var settings = Path.Combine(project.Directory, $"Pulumi.{stack}.yaml");
        if (File.Exists(settings) && !context.Args.Has("preserve-config"))
        {
            File.Delete(settings);
        }

        context.Out.WriteLine($"Stack '{stack}' has been removed!");
        return 0;
    }

    private static string? TrySelected(SandboxContext context, ProjectInfo project)
    {
        try
        {
            return context.ResolveStack(project, required: false);
        }
        catch (CliException)
        {
            return null;
        }
    }
}
