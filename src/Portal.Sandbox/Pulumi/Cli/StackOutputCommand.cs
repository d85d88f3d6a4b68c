using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary><c>stack output [name] [--json] [--show-secrets]</c>: the root stack resource's outputs.</summary>
internal static class StackOutputCommand
{
    public static int Run(SandboxContext context, ProjectInfo project, string? name)
    {
        var stack = context.ResolveStack(project);
        var store = new StateStore(context, project, stack);
        var root = Urns.Stack(stack, project.Name);

        // Without --show-secrets nothing is decrypted, so the passphrase is not even needed.
        var raw = context.Backend.ReadDeployment(project.Name, stack);
        var rootJson = (raw?["resources"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(r => r["urn"]?.GetValue<string>() == root);
        var outputs = rootJson?["outputs"] as JsonObject ?? [];
        var showSecrets = context.Args.Has("show-secrets");
        var shown = showSecrets ? SecretValues.Reveal(store.Decrypt(outputs))!.AsObject() : SecretValues.Mask(outputs)!.AsObject();
        if (name is not null)
        {
            if (!shown.TryGetPropertyValue(name, out var value))
            {
                throw new CliException($"current stack does not have output property '{name}'");
            }

            context.Out.Write(context.Args.Has("json") ? JsonText.Pretty(value) : Text(value) + "\n");
            return 0;
        }

        if (context.Args.Has("json"))
        {
            context.Out.Write(JsonText.Pretty(shown));
            return 0;
        }

        context.Out.WriteLine($"Current stack outputs ({shown.Count}):");
        context.Out.WriteLine("    OUTPUT  VALUE");
        foreach (var (key, value) in shown.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            context.Out.WriteLine($"    {key}  {Text(value)}");
        }

        return 0;
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : JsonText.Compact(node);
}
