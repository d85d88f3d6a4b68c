using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Templates;

/// <summary>Fails startup when the templates folder is not there: a portal without templates cannot create anything.</summary>
public sealed class TemplateOptionsValidator : IValidateOptions<TemplateOptions>
{
    public ValidateOptionsResult Validate(string? name, TemplateOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            return ValidateOptionsResult.Fail("Templates:Directory is required (the folder holding one sub-folder per template).");
        }

        var directory = options.ResolveDirectory();
        return System.IO.Directory.Exists(directory)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Templates:Directory: the folder '{directory}' does not exist (relative paths are resolved against {AppContext.BaseDirectory}).");
    }
}
