using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Templates.Loading;

namespace Portal.Provisioning.Templates;

/// <summary>Loads the templates folder once, when first resolved (at startup, see <see cref="TemplateCatalogStartup"/>),
/// and logs every problem. Templates change with a deployment of the portal, not while it runs.</summary>
public sealed class TemplateCatalog : ITemplateCatalog
{
    private readonly Dictionary<string, EnvironmentTemplate> _byName;

    public TemplateCatalog(IOptions<TemplateOptions> options, ILogger<TemplateCatalog> logger)
    {
        var directory = options.Value.ResolveDirectory();
        var result = TemplateDirectoryLoader.Load(directory);
        Templates = result.Templates;
        Problems = result.Problems;
        _byName = Templates.ToDictionary(t => t.Name, StringComparer.Ordinal);
        TemplateLog.TemplatesLoaded(logger, Templates.Count, directory, string.Join(", ", _byName.Keys));
        foreach (var problem in Problems)
        {
            TemplateLog.TemplateProblem(logger, problem.Template, problem);
        }
    }

    public IReadOnlyList<EnvironmentTemplate> Templates { get; }

    public IReadOnlyList<TemplateProblem> Problems { get; }

    public EnvironmentTemplate? Find(string name) => _byName.GetValueOrDefault(name);
}
