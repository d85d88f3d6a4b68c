using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary><c>stack export</c> and <c>stack import</c>: the way to clear pending operations after a crash.</summary>
internal static class StateCommands
{
    public static int Export(SandboxContext context, ProjectInfo project)
    {
        var stack = context.ResolveStack(project);
        var store = new StateStore(context, project, stack);
        var deployment = context.Backend.ReadDeployment(project.Name, stack) ?? [];
        if (context.Args.Has("show-secrets"))
        {
            deployment = (JsonObject)store.Decrypt(deployment)!;
        }

        var text = JsonText.Pretty4(new JsonObject { ["version"] = 3, ["deployment"] = deployment.DeepClone() });
        if (context.Args.Get("file") is { } file)
        {
            File.WriteAllText(file, text);
        }
        else
        {
            context.Out.Write(text);
        }

        return 0;
    }

    public static int Import(SandboxContext context, ProjectInfo project)
    {
        var stack = context.ResolveStack(project);
        var file = context.Args.Get("file");
        var text = file is null ? context.In.ReadToEnd() : File.ReadAllText(file);
        var deployment = JsonNode.Parse(text)?["deployment"] as JsonObject
            ?? throw new CliException("could not read deployment: no \"deployment\" in the input");
        using var stackLock = StackLock.Acquire(context.Backend.LockDirectory(project.Name, stack));
        var store = new StateStore(context, project, stack);
        var state = DeploymentState.FromJson(deployment, n => n);
        if (!context.Args.Has("force"))
        {
            var foreign = state.Resources.FirstOrDefault(r => !r.Urn.StartsWith($"urn:pulumi:{stack}::{project.Name}::", StringComparison.Ordinal));
            if (foreign is not null)
            {
                throw new CliException($"resource '{foreign.Urn}' is from a different stack; use --force to import it anyway");
            }
        }

        foreach (var (resource, type) in state.PendingOperations)
        {
            context.Error.WriteLine($"warning: removing pending operation '{type}' on '{resource.Urn}' from snapshot");
        }

        state.PendingOperations.Clear();
        store.Save(state);
        context.Out.WriteLine("Import complete.");
        return 0;
    }
}
