using Microsoft.Extensions.Options;

namespace Portal.Data;

/// <summary>Reports every problem with the <c>Portal</c> section at once.</summary>
public sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"Portal:Mode must be Sandbox or Live (was {options.Mode}).");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Portal:DataDirectory must name a folder.");
        }
        else if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"Portal:DataDirectory '{options.DataDirectory}' is not a valid path.");
        }

        if (options.DatabaseBusyTimeoutMilliseconds is < 100 or > 600_000)
        {
            errors.Add($"Portal:DatabaseBusyTimeoutMilliseconds must be between 100 and 600000 (was {options.DatabaseBusyTimeoutMilliseconds}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
