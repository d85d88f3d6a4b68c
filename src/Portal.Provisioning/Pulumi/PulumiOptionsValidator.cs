using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Pulumi;

/// <summary>Reports every invalid <see cref="PulumiOptions"/> setting at once, at startup.</summary>
public sealed class PulumiOptionsValidator : IValidateOptions<PulumiOptions>
{
    private readonly Func<string, string?> _environment;

    public PulumiOptionsValidator()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    internal PulumiOptionsValidator(Func<string, string?> environment) => _environment = environment;

    public ValidateOptionsResult Validate(string? name, PulumiOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Command))
        {
            errors.Add("Pulumi:Command is required (a path or the name 'pulumi').");
        }

        if (string.IsNullOrWhiteSpace(options.WorkDirectoryRoot) || !Path.IsPathFullyQualified(options.WorkDirectoryRoot))
        {
            errors.Add("Pulumi:WorkDirectoryRoot must be an absolute path.");
        }

        ValidateBackend(options, errors);
        ValidatePositive(options.CommandTimeout, "CommandTimeout", errors);
        ValidatePositive(options.UpdateTimeout, "UpdateTimeout", errors);
        ValidatePositive(options.EventLogPollInterval, "EventLogPollInterval", errors);
        if (options.CancelGracePeriod < TimeSpan.Zero)
        {
            errors.Add("Pulumi:CancelGracePeriod must not be negative.");
        }

        foreach (var key in options.EnvironmentVariables.Keys.Where(k => k.StartsWith("PULUMI_CONFIG_PASSPHRASE", StringComparison.Ordinal) || k == "PULUMI_ACCESS_TOKEN"))
        {
            errors.Add($"Pulumi:EnvironmentVariables:{key} is not allowed; use Pulumi:ConfigPassphrase or Pulumi:AccessToken.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateBackend(PulumiOptions options, List<string> errors)
    {
        if (!Uri.TryCreate(options.BackendUrl, UriKind.Absolute, out var backend))
        {
            errors.Add("Pulumi:BackendUrl must be an absolute URL (file://, s3://, azblob://, gs:// or https://).");
            return;
        }

        if (backend.Scheme is "https" or "http")
        {
            if (string.IsNullOrEmpty(options.AccessToken) && string.IsNullOrEmpty(_environment("PULUMI_ACCESS_TOKEN")))
            {
                errors.Add("Pulumi:AccessToken (or the PULUMI_ACCESS_TOKEN environment variable) is required for a Pulumi Cloud backend.");
            }

            return;
        }

        // An empty passphrase is legal for Pulumi, so only "not set at all" is an error.
        if (options.ConfigPassphrase is null && _environment("PULUMI_CONFIG_PASSPHRASE") is null && _environment("PULUMI_CONFIG_PASSPHRASE_FILE") is null)
        {
            errors.Add("Pulumi:ConfigPassphrase (or PULUMI_CONFIG_PASSPHRASE / PULUMI_CONFIG_PASSPHRASE_FILE) is required for a self-managed backend.");
        }
    }

    private static void ValidatePositive(TimeSpan value, string name, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Pulumi:{name} must be positive.");
        }
    }
}
