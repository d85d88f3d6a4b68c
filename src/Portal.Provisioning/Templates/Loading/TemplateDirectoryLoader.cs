namespace Portal.Provisioning.Templates.Loading;

/// <summary>Loads every sub-folder of the templates folder as a template. A template with any problem is left out
/// (half a template would fail later, in a job); the others load regardless.</summary>
internal static class TemplateDirectoryLoader
{
    public static TemplateLoadResult Load(string directory)
    {
        var templates = new List<EnvironmentTemplate>();
        var problems = new List<TemplateProblem>();
        foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            // Hidden folders (.git, editor state) are not templates.
            if (name.StartsWith('.'))
            {
                continue;
            }

            var own = new List<TemplateProblem>();
            var template = LoadOne(name, Path.GetFullPath(folder), own);
            if (template is not null && own.Count == 0)
            {
                templates.Add(template);
            }

            problems.AddRange(own);
        }

        return new TemplateLoadResult(templates, problems);
    }

    private static EnvironmentTemplate? LoadOne(string name, string folder, List<TemplateProblem> problems)
    {
        // The folder name is the template name, which environments, URLs and the API use.
        if (!DnsLabel.IsValid(name))
        {
            problems.Add(new TemplateProblem(name, name + "/", "", $"is not a valid template name: the folder name must be {DnsLabel.Description}."));
        }

        var project = PulumiProjectReader.Read(folder, new ProblemReporter(name, $"{name}/{PulumiProjectReader.FileName}", problems));
        return ManifestReader.Read(name, folder, project, new ProblemReporter(name, $"{name}/{ManifestReader.FileName}", problems));
    }
}
