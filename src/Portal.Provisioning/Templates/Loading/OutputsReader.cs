namespace Portal.Provisioning.Templates.Loading;

/// <summary>Reads the manifest's <c>outputs</c>: which stack output holds the kubeconfig and which ones to highlight.
/// Each must be an output of the program, or the environment page would wait for a value that never comes.</summary>
internal static class OutputsReader
{
    public static (string? Kubeconfig, IReadOnlyList<HighlightedOutput> Highlights) Read(YamlFields manifest, PulumiProject? project)
    {
        var fields = manifest.Mapping("outputs");
        if (fields is null)
        {
            return (null, []);
        }

        var kubeconfig = fields.String("kubeconfig");
        if (kubeconfig is not null)
        {
            CheckExists(fields, "kubeconfig", kubeconfig, project);
        }

        var highlights = new List<HighlightedOutput>();
        foreach (var highlight in fields.Mappings("highlight"))
        {
            var name = highlight.String("name", required: true);
            var label = highlight.String("label");
            highlight.ReportUnknownFields();
            if (name is null)
            {
                continue;
            }

            CheckExists(highlight, "name", name, project);
            if (highlights.Any(h => h.Name == name))
            {
                highlight.Report("name", $"highlights '{name}' a second time.");
                continue;
            }

            highlights.Add(new HighlightedOutput(name, label ?? name));
        }

        fields.ReportUnknownFields();
        return (kubeconfig, highlights);
    }

    private static void CheckExists(YamlFields fields, string key, string output, PulumiProject? project)
    {
        if (project is not null && !project.Outputs.Contains(output))
        {
            fields.Report(key, $"'{output}' is not an output of {PulumiProjectReader.FileName}.");
        }
    }
}
