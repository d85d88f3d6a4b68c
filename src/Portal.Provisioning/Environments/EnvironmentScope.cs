using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Data.Entities;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Environments;

/// <summary>
/// Which part of a cluster belongs to an environment. An environment that made its cluster owns all of it but the
/// system namespaces; one that runs on another environment's cluster owns only its workloads' namespaces.
/// </summary>
public static partial class EnvironmentScope
{
    private static readonly HashSet<string> s_systemNamespaces = new(StringComparer.Ordinal) { "kube-system", "kube-public", "kube-node-lease" };

    /// <summary>The namespaces to show, or null for every namespace but the system ones.</summary>
    public static IReadOnlySet<string>? Namespaces(EnvironmentTemplate template, EnvironmentRecord environment)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(environment);
        if (!template.Parameters.Any(p => p.Type == TemplateParameterType.Cluster))
        {
            return null;
        }

        var parameters = EnvironmentParameters.Read(environment);
        return template.Workloads.Select(w => Resolve(w.Namespace, parameters)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>True when objects in <paramref name="ns"/> belong to the environment.</summary>
    public static bool Includes(IReadOnlySet<string>? namespaces, string? ns) =>
        ns is not null && (namespaces?.Contains(ns) ?? !s_systemNamespaces.Contains(ns));

    /// <summary>A workload field with <c>${parameter}</c> references replaced by the environment's values.</summary>
    public static string Resolve(string text, IReadOnlyDictionary<string, JsonNode?> parameters)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(parameters);
        return Reference().Replace(text, m => parameters.GetValueOrDefault(m.Groups[1].Value) switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            { } node => node.ToJsonString(),
            null => m.Value,
        });
    }

    [GeneratedRegex(@"\$\{([a-zA-Z][a-zA-Z0-9]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
