using System.Text.RegularExpressions;

namespace Portal.Provisioning.Templates.Loading;

/// <summary>Reads the manifest's <c>workloads</c>: the Deployments a release can change, and how.</summary>
internal static partial class WorkloadReader
{
    public static IReadOnlyList<TemplateWorkload> ReadAll(YamlFields manifest, IReadOnlyList<TemplateParameter> parameters)
    {
        var workloads = new List<TemplateWorkload>();
        foreach (var fields in manifest.Mappings("workloads"))
        {
            var workload = Read(fields, parameters);
            if (workload is null)
            {
                continue;
            }

            if (workloads.Any(w => w.Name == workload.Name))
            {
                fields.Report("name", $"repeats the workload name '{workload.Name}'.");
                continue;
            }

            workloads.Add(workload);
        }

        return workloads;
    }

    private static TemplateWorkload? Read(YamlFields fields, IReadOnlyList<TemplateParameter> parameters)
    {
        var name = fields.String("name", required: true);
        if (name is not null && !DnsLabel.IsValid(name))
        {
            fields.Report("name", $"must be {DnsLabel.Description}: it is used in URLs and the API.");
        }

        var ns = ReadName(fields, "namespace", parameters, DnsLabel.IsValid, DnsLabel.Description);
        var deployment = ReadName(fields, "deployment", parameters, IsDnsSubdomain, "a DNS-1123 subdomain (lowercase letters, digits, '-' and '.')");
        var container = fields.String("container", required: true);
        if (container is not null && !DnsLabel.IsValid(container))
        {
            fields.Report("container", $"must be {DnsLabel.Description}, as Kubernetes container names are.");
        }

        var strategy = ReadStrategy(fields);
        var imageConfigKey = fields.String("imageConfigKey");
        if (imageConfigKey is null && strategy == WorkloadReleaseStrategy.PulumiConfig)
        {
            fields.Report("imageConfigKey", "is required for strategy pulumi-config: it names the config key holding the image.");
        }
        else if (imageConfigKey is not null && !parameters.Any(p => p.ConfigKey == imageConfigKey))
        {
            fields.Report("imageConfigKey", $"'{imageConfigKey}' is not the configKey of any parameter.");
        }

        fields.ReportUnknownFields();
        return name is null || ns is null || deployment is null || container is null || strategy is null
            ? null
            : new TemplateWorkload(name, ns, deployment, container, strategy.Value, imageConfigKey);
    }

    private static WorkloadReleaseStrategy? ReadStrategy(YamlFields fields)
    {
        switch (fields.String("strategy", required: true))
        {
            case null:
                return null;
            case "pulumi-config":
                return WorkloadReleaseStrategy.PulumiConfig;
            case "patch":
                return WorkloadReleaseStrategy.Patch;
            case var other:
                fields.Report("strategy", $"must be pulumi-config or patch (not '{other}').");
                return null;
        }
    }

    // A Kubernetes name, possibly made of ${parameter} references: each must name a parameter whose value the portal
    // keeps (not a secret), and the literal text around them must be valid in a name.
    private static string? ReadName(YamlFields fields, string key, IReadOnlyList<TemplateParameter> parameters, Func<string, bool> isValid, string description)
    {
        var text = fields.String(key, required: true);
        if (text is null)
        {
            return null;
        }

        var references = Reference().Matches(text);
        foreach (Match reference in references)
        {
            var parameter = parameters.FirstOrDefault(p => p.Name == reference.Groups["name"].Value);
            if (parameter is null)
            {
                fields.Report(key, $"refers to '{reference.Value}', but there is no parameter '{reference.Groups["name"].Value}'.");
            }
            else if (parameter.HasSecretValue)
            {
                fields.Report(key, $"refers to '{reference.Value}', a secret parameter, whose value the portal does not keep.");
            }
        }

        var literal = Reference().Replace(text, "x");
        if (references.Count == 0 ? !isValid(text) : !LiteralText().IsMatch(literal))
        {
            fields.Report(key, $"must be {description}, optionally with ${{parameterName}} references.");
        }

        return text;
    }

    private static bool IsDnsSubdomain(string value) => value.Length <= 253 && value.Split('.').All(DnsLabel.IsValid);

    [GeneratedRegex(@"\$\{(?<name>[^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    [GeneratedRegex("^[a-z0-9.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LiteralText();
}
