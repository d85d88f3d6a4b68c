using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary><c>stack history [--json] [--show-secrets] [--page-size N] [--page P]</c>, newest first, version always 0 (DIY).</summary>
internal static class StackHistoryCommand
{
    public static int Run(SandboxContext context, ProjectInfo project)
    {
        var stack = context.ResolveStack(project);
        var store = new StateStore(context, project, stack);
        var pageSize = context.Args.GetInt("page-size", 10);
        var page = Math.Max(1, context.Args.GetInt("page", 1));
        var showSecrets = context.Args.Has("show-secrets");
        var entries = context.Backend.ReadHistory(project.Name, stack).Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var list = new JsonArray();
        foreach (var entry in entries)
        {
            var shown = (JsonObject)entry.DeepClone();
            if (shown["config"] is JsonObject config)
            {
                foreach (var (key, value) in config.ToList())
                {
                    if (value?["ciphertext"] is JsonValue ciphertext)
                    {
                        var item = new JsonObject();
                        if (showSecrets)
                        {
                            item["value"] = SecretValues.Reveal(store.Decrypt(Envelope(ciphertext.GetValue<string>())))?.DeepClone();
                        }

                        item["secret"] = true;
                        config[key] = item;
                    }
                }
            }

            list.Add(shown);
        }

        if (context.Args.Has("json"))
        {
            context.Out.Write(JsonText.PrettyOrdered(list));
            return 0;
        }

        foreach (var entry in list)
        {
            context.Out.WriteLine($"UpdateKind: {entry!["kind"]}\nStatus: {entry["result"]}\nMessage: {entry["message"]}\nStart Time: {entry["startTime"]}\nEnd Time: {entry["endTime"]}\n");
        }

        return 0;
    }

    private static JsonObject Envelope(string ciphertext) =>
        new() { [SecretValues.SignatureKey] = SecretValues.SecretSignature, ["ciphertext"] = ciphertext };
}
