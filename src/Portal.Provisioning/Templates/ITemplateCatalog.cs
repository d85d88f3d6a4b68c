namespace Portal.Provisioning.Templates;

/// <summary>The templates loaded at startup from <see cref="TemplateOptions.Directory"/>. A broken template is listed in
/// <see cref="Problems"/> and left out of <see cref="Templates"/>; the others still work.</summary>
public interface ITemplateCatalog
{
    IReadOnlyList<EnvironmentTemplate> Templates { get; }

    IReadOnlyList<TemplateProblem> Problems { get; }

    EnvironmentTemplate? Find(string name);
}
