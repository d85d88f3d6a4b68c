using System.Globalization;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>A Pulumi YAML program: config declarations, variables, resources in dependency order, outputs.</summary>
internal sealed class YamlProgram
{
    private YamlProgram(JsonObject variables, List<ProgramResource> resources, JsonObject outputs, JsonObject declarations)
    {
        Variables = variables;
        Resources = resources;
        Outputs = outputs;
        Declarations = declarations;
    }

    public JsonObject Variables { get; }

    /// <summary>Resources in an order where every resource comes after those it depends on.</summary>
    public List<ProgramResource> Resources { get; }

    public JsonObject Outputs { get; }

    public JsonObject Declarations { get; }

    public static YamlProgram Parse(ProjectInfo project)
    {
        var document = project.Document;
        var variables = document["variables"] as JsonObject ?? [];
        var outputs = document["outputs"] as JsonObject ?? [];
        var declarations = (document["config"] ?? document["configuration"]) as JsonObject ?? [];
        var declared = document["resources"] as JsonObject ?? [];
        var resourceNames = declared.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

        var resources = new Dictionary<string, ProgramResource>(StringComparer.Ordinal);
        foreach (var (name, node) in declared)
        {
            if (node is not JsonObject body || body["type"]?.GetValue<string>() is not { Length: > 0 } type)
            {
                throw new CliException($"resource '{name}' must have a type");
            }

            var options = body["options"] as JsonObject;
            var dependsOn = (options?["dependsOn"] ?? body["dependsOn"]) switch
            {
                JsonArray a => a.Select(d => d!.GetValue<string>()).ToList(),
                JsonValue v => [v.GetValue<string>()],
                _ => [],
            };
            var provider = options?["provider"]?.GetValue<string>();
            var references = ExpressionEvaluator.References(body["properties"])
                .Concat(dependsOn.SelectMany(d => ExpressionEvaluator.References(JsonValue.Create(d))))
                .Concat(provider is null ? [] : ExpressionEvaluator.References(JsonValue.Create(provider)));
            var dependencies = Expand(references, variables, resourceNames, []).Where(r => r != name).Distinct().ToList();
            var providerName = provider is null ? null : ExpressionEvaluator.References(JsonValue.Create(provider)).FirstOrDefault();
            var ignoreChanges = options?["ignoreChanges"] switch
            {
                JsonArray a => a.Select(p => p!.GetValue<string>()).ToList(),
                null => [],
                _ => throw new CliException($"resource '{name}': options.ignoreChanges must be a list of property paths"),
            };
            resources[name] = new ProgramResource(name, type, body["properties"], dependencies, providerName, options?["protect"]?.GetValue<bool>() ?? false, ignoreChanges);
        }

        return new YamlProgram(variables, Sort(resources), outputs, declarations);
    }

    /// <summary>Config values by the names the program uses: <c>key</c> for the project namespace and <c>ns:key</c>.</summary>
    public Dictionary<string, JsonNode?> ResolveConfig(string project, string stack, IReadOnlyDictionary<string, JsonNode?> values)
    {
        var scope = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            scope[key] = value;
            if (key.StartsWith(project + ":", StringComparison.Ordinal))
            {
                scope[key[(project.Length + 1)..]] = value;
            }
        }

        foreach (var (name, declaration) in Declarations)
        {
            var shortName = name.StartsWith(project + ":", StringComparison.Ordinal) ? name[(project.Length + 1)..] : name;
            if (!scope.TryGetValue(shortName, out var value))
            {
                throw new CliException($"Stack '{stack}' is missing configuration value '{shortName}'");
            }

            var typed = Convert(SecretValues.Unwrap(value, out var wasSecret), declaration?["type"]?.GetValue<string>());
            var secret = wasSecret || declaration?["secret"]?.GetValue<bool>() == true;
            scope[shortName] = secret ? SecretValues.Wrap(typed) : typed;
        }

        return scope;
    }

    private static JsonNode? Convert(JsonNode? value, string? type)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            return value;
        }

        return type switch
        {
            "integer" or "Number" or "Integer" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n % 1 == 0 ? JsonValue.Create((long)n) : JsonValue.Create(n),
            "boolean" or "Boolean" when bool.TryParse(text, out var b) => JsonValue.Create(b),
            "array" or "object" or "List<String>" => JsonNode.Parse(text),
            _ => value,
        };
    }

    private static IEnumerable<string> Expand(IEnumerable<string> references, JsonObject variables, HashSet<string> resources, HashSet<string> seen)
    {
        foreach (var reference in references)
        {
            if (resources.Contains(reference))
            {
                yield return reference;
            }
            else if (variables.ContainsKey(reference) && seen.Add(reference))
            {
                foreach (var inner in Expand(ExpressionEvaluator.References(variables[reference]), variables, resources, seen))
                {
                    yield return inner;
                }
            }
        }
    }

    private static List<ProgramResource> Sort(Dictionary<string, ProgramResource> resources)
    {
        var sorted = new List<ProgramResource>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = visiting, true = done
        foreach (var name in resources.Keys)
        {
            Visit(name, []);
        }

        return sorted;

        void Visit(string name, List<string> path)
        {
            if (state.TryGetValue(name, out var done))
            {
                if (!done)
                {
                    throw new CliException($"circular dependency: {string.Join(" -> ", path.Append(name))}");
                }

                return;
            }

            state[name] = false;
            foreach (var dependency in resources[name].Dependencies)
            {
                Visit(dependency, [.. path, name]);
            }

            state[name] = true;
            sorted.Add(resources[name]);
        }
    }
}
