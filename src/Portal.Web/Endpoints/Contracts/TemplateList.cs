using Portal.Provisioning.Templates;

namespace Portal.Web.Endpoints.Contracts;

/// <summary><c>GET /api/templates</c>: the loaded templates and the broken ones with their file and field.</summary>
public sealed record TemplateList(IReadOnlyList<TemplateItem> Templates, IReadOnlyList<TemplateProblem> Problems);
