using System.Text.Json.Nodes;

namespace Portal.Provisioning.Environments;

/// <summary>
/// The input of an environment job. Null parameters mean "the environment's stored values" (provision, drift check,
/// destroy); preview and update carry the proposed values. Secret values travel only encrypted by
/// <see cref="Secrets.ISecretProtector"/>, never in clear.
/// </summary>
public sealed record EnvironmentJobPayload
{
    /// <summary>Proposed non-secret parameter values (every parameter, typed), or null for the stored ones.</summary>
    public JsonObject? Parameters { get; init; }

    /// <summary>Proposed secret values, protected, by parameter name; absent ones keep their stored value.</summary>
    public IReadOnlyDictionary<string, string>? ProtectedSecrets { get; init; }

    /// <summary>For a retry, the job it repeats.</summary>
    public long? RetryOf { get; init; }
}
