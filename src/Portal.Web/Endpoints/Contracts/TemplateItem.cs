using Portal.Data.Entities;
using Portal.Provisioning.Templates;

namespace Portal.Web.Endpoints.Contracts;

/// <summary>A template as a client needs it to build a create request (no file paths).</summary>
public sealed record TemplateItem(
    string Name,
    string DisplayName,
    string Description,
    IReadOnlyList<EnvironmentClass> Classes,
    IReadOnlyList<TemplateParameter> Parameters,
    string? KubeconfigOutput,
    IReadOnlyList<HighlightedOutput> HighlightedOutputs,
    IReadOnlyList<TemplateWorkload> Workloads)
{
    public static TemplateItem From(EnvironmentTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new(template.Name, template.DisplayName, template.Description, template.Classes, template.Parameters,
            template.KubeconfigOutput, template.HighlightedOutputs, template.Workloads);
    }
}
