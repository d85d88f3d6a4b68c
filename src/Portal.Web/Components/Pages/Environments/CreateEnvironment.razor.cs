using Microsoft.AspNetCore.Components;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Access;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Templates;
using Portal.Web.State;

namespace Portal.Web.Components.Pages.Environments;

/// <summary>The create form: template, class, name (checked as typed) and the template's generated parameter fields.
/// The service validates again; its field errors land at their fields and every typed value stays.</summary>
public sealed partial class CreateEnvironment
{
    private static readonly IReadOnlyDictionary<string, string[]> s_noErrors = new Dictionary<string, string[]>();
    private readonly Dictionary<string, ParameterFormModel> _models = new(StringComparer.Ordinal);
    private EnvironmentTemplate? _template;
    private ParameterFormModel? _model;
    private EnvironmentClass? _class;
    private string? _name;
    private IReadOnlyList<string> _clusters = [];
    private IReadOnlyDictionary<string, string[]> _errors = s_noErrors;
    private string? _message;
    private bool _submitting;

    [Inject] private ITemplateCatalog Catalog { get; set; } = default!;

    [Inject] private IEnvironmentService Environments { get; set; } = default!;

    [Inject] private IEnvironmentQueryService EnvironmentQueries { get; set; } = default!;

    [Inject] private CurrentActor Actor { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "template")] public string? TemplateName { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _clusters = await ClusterChoices.ListAsync(EnvironmentQueries, Catalog);
        var template = (TemplateName is null ? null : Catalog.Find(TemplateName)) ?? (Catalog.Templates.Count == 1 ? Catalog.Templates[0] : null);
        if (template is not null)
        {
            SelectTemplate(template);
        }
    }

    private void SelectTemplate(EnvironmentTemplate template)
    {
        _template = template;

        // Switching back and forth keeps what was typed for each template.
        if (!_models.TryGetValue(template.Name, out var model))
        {
            _models[template.Name] = model = ParameterFormModel.ForCreate(template);
        }

        _model = model;
        if (_class is { } chosen && !template.Classes.Contains(chosen))
        {
            _class = null;
        }

        _errors = s_noErrors;
        _message = null;
    }

    private void NameChanged(string? value)
    {
        _name = value?.Trim();
        var errors = _errors.Where(e => e.Key != "name").ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (EnvironmentNameRules.Validate(_name) is { } problem)
        {
            errors["name"] = [problem];
        }

        _errors = errors;
    }

    private string[] ErrorsFor(string field) => _errors.GetValueOrDefault(field) ?? [];

    // Only the classes the user may create (production needs Admin); the service checks again.
    private List<EnvironmentClass?> ClassChoices => [.. _template?.Classes.Where(c => Actor.Can(PortalAction.CreateEnvironment, c)).Select(c => (EnvironmentClass?)c) ?? []];

    private async Task SubmitAsync()
    {
        if (_template is null || _model is null || _submitting)
        {
            return;
        }

        _submitting = true;
        _message = null;
        try
        {
            var result = await Environments.CreateAsync(
                new CreateEnvironmentCommand(_name, _template.Name, _class, _model.ToJson()), Actor.ToActorContext());
            switch (result.Status)
            {
                case EnvironmentCommandStatus.Accepted:
                    Navigation.NavigateTo($"/environments/{Uri.EscapeDataString(result.EnvironmentName!)}");
                    return;
                case EnvironmentCommandStatus.Invalid:
                    _errors = result.Errors;
                    _message = UnplacedErrors(result.Errors) is { Length: > 0 } unplaced
                        ? unplaced
                        : $"Please correct the {result.Errors.Count} highlighted field(s).";
                    break;
                default:
                    _message = result.Message;
                    break;
            }
        }
        finally
        {
            _submitting = false;
        }

    }

    // Errors whose key has no field on this form (an unknown parameter), so nothing is hidden.
    private string UnplacedErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "name", "template", "class" };
        known.UnionWith(_template?.Parameters.Select(p => $"parameters.{p.Name}") ?? []);
        return string.Join(" ", errors.Where(e => !known.Contains(e.Key)).SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
    }
}
