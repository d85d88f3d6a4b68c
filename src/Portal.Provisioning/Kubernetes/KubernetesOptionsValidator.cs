using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Kubernetes;

/// <summary>Reports every problem of the <c>Kubernetes</c> section at once, at startup.</summary>
public sealed class KubernetesOptionsValidator : IValidateOptions<KubernetesOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.InCluster && !string.IsNullOrEmpty(options.KubeconfigPath))
        {
            errors.Add("Kubernetes:InCluster and Kubernetes:KubeconfigPath are mutually exclusive.");
        }

        if (!string.IsNullOrEmpty(options.KubeconfigPath) && !File.Exists(options.KubeconfigPath))
        {
            errors.Add($"Kubernetes:KubeconfigPath '{options.KubeconfigPath}' does not exist.");
        }

        Positive(errors, options.RequestTimeout, nameof(options.RequestTimeout));
        Positive(errors, options.ExecPluginTimeout, nameof(options.ExecPluginTimeout));
        Positive(errors, options.WatchTimeout, nameof(options.WatchTimeout));
        Positive(errors, options.WatchReconnectInitialDelay, nameof(options.WatchReconnectInitialDelay));
        if (options.WatchReconnectMaxDelay < options.WatchReconnectInitialDelay)
        {
            errors.Add("Kubernetes:WatchReconnectMaxDelay must not be shorter than Kubernetes:WatchReconnectInitialDelay.");
        }

        if (options.SharedWatchLinger < TimeSpan.Zero)
        {
            errors.Add("Kubernetes:SharedWatchLinger must not be negative.");
        }

        if (options.ListPageSize is < 1 or > 10_000)
        {
            errors.Add("Kubernetes:ListPageSize must be between 1 and 10000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Kubernetes:{name} must be positive.");
        }
    }
}
