namespace Portal.Provisioning.Templates.Loading;

/// <summary>The valid templates of a templates folder, and the problems of the ones left out.</summary>
internal sealed record TemplateLoadResult(IReadOnlyList<EnvironmentTemplate> Templates, IReadOnlyList<TemplateProblem> Problems);
