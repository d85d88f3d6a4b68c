using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary><c>config</c>, <c>config get</c>, <c>config set</c>, <c>config set-all</c>, <c>config rm</c>, <c>config rm-all</c>.</summary>
internal static class ConfigCommands
{
    public static int Run(SandboxContext context, IReadOnlyList<string> positionals)
    {
        var project = context.LoadProject();
        var stack = context.ResolveStack(project);
        var config = new StackConfig(context, project, new StateStore(context, project, stack).Settings);
        var path = context.Args.Has("path");
        switch (positionals.Count > 0 ? positionals[0] : null)
        {
            case null:
                return List(context, config);
            case "get":
                return Get(context, config, stack, Required(positionals, 1, "config get <key>"), path);
            case "set":
                var value = positionals.Count > 2 ? positionals[2] : ReadValueFromStdin(context);
                config.Set(Required(positionals, 1, "config set <key> [value]"), value, context.Args.Has("secret"), path);
                config.Settings.Save();
                return 0;
            case "set-all":
                foreach (var pair in context.Args.GetAll("plaintext"))
                {
                    SetPair(config, pair, secret: false, path);
                }

                foreach (var pair in context.Args.GetAll("secret"))
                {
                    SetPair(config, pair, secret: true, path);
                }

                config.Settings.Save();
                return 0;
            case "rm":
                config.Remove(Required(positionals, 1, "config rm <key>"), path);
                config.Settings.Save();
                return 0;
            case "rm-all":
                Required(positionals, 1, "config rm-all <key1> [<key2> ...]");
                foreach (var key in positionals.Skip(1))
                {
                    config.Remove(key, path);
                }

                config.Settings.Save();
                return 0;
            default:
                throw new CliException($"unknown command \"{positionals[0]}\" for \"pulumi config\"", CliExitCodes.Invocation);
        }
    }

    private static int List(SandboxContext context, StackConfig config)
    {
        var showSecrets = context.Args.Has("show-secrets");
        var values = config.Resolve(decrypt: showSecrets);
        if (!context.Args.Has("json"))
        {
            context.Out.WriteLine("KEY                                    VALUE");
            foreach (var (key, value) in values)
            {
                var shown = SecretValues.IsSecret(value) && !showSecrets ? "[secret]" : Text(SecretValues.Reveal(value));
                context.Out.WriteLine($"{key,-38} {shown}");
            }

            return 0;
        }

        var json = new JsonObject();
        foreach (var (key, value) in values)
        {
            json[key] = Entry(value, showSecrets || !SecretValues.IsSecret(value));
        }

        // Keys sorted (a Go map), entry fields in struct order (value, objectValue, secret).
        context.Out.Write(JsonText.PrettyOrdered(json));
        return 0;
    }

    private static int Get(SandboxContext context, StackConfig config, string stack, string key, bool path)
    {
        var values = config.Resolve(decrypt: true);
        var fullKey = config.FullKey(key.Split('.', '[')[0]);
        if (!values.TryGetValue(fullKey, out var value) || (path && key.IndexOfAny(['.', '[']) > 0 && (value = Navigate(value, key)) is null))
        {
            throw new CliException($"configuration key '{key}' not found for stack '{stack}'");
        }

        if (context.Args.Has("json"))
        {
            context.Out.Write(JsonText.PrettyOrdered(Entry(value, includeValue: true)));
        }
        else
        {
            context.Out.WriteLine(Text(SecretValues.Reveal(value)));
        }

        return 0;
    }

    private static JsonObject Entry(JsonNode? value, bool includeValue)
    {
        var secret = SecretValues.ContainsSecret(value);
        var plain = SecretValues.Reveal(value);
        var entry = new JsonObject();
        if (includeValue)
        {
            entry["value"] = Text(plain);
            if (plain is JsonObject or JsonArray)
            {
                entry["objectValue"] = plain.DeepClone();
            }
        }

        entry["secret"] = secret;
        return entry;
    }

    private static JsonNode? Navigate(JsonNode? value, string key)
    {
        var node = SecretValues.Reveal(value);
        foreach (var segment in key.Replace("]", "", StringComparison.Ordinal).Split('.', '[').Skip(1))
        {
            node = int.TryParse(segment, out var index) ? (node as JsonArray)?[index] : (node as JsonObject)?[segment.Trim('"')];
        }

        return node?.DeepClone();
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : JsonText.Compact(node);

    private static void SetPair(StackConfig config, string pair, bool secret, bool path)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new CliException($"could not parse {pair} as a configuration key/value pair", CliExitCodes.Invocation);
        }

        config.Set(pair[..equals], pair[(equals + 1)..], secret, path);
    }

    private static string ReadValueFromStdin(SandboxContext context)
    {
        // Non-interactive `config set` without a value reads it from stdin: how secrets stay off the command line.
        var text = context.In.ReadToEnd();
        return text.EndsWith('\n') ? text[..^1] : text;
    }

    private static string Required(IReadOnlyList<string> positionals, int index, string usage) =>
        positionals.Count > index ? positionals[index] : throw new CliException($"usage: pulumi {usage}", CliExitCodes.Invocation);
}
