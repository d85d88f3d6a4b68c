namespace Portal.Provisioning.Environments;

/// <summary>The job kinds of environment operations.</summary>
public static class EnvironmentJobKinds
{
    public const string Provision = "environment.provision";
    public const string Update = "environment.update";
    public const string Preview = "environment.preview";
    public const string DriftCheck = "environment.drift-check";
    public const string Destroy = "environment.destroy";
    public const string Unlock = "environment.unlock";
    public const string ClearPending = "environment.clear-pending";

    /// <summary>Kinds that a retry may queue again (maintenance jobs are simply asked for again).</summary>
    public static readonly IReadOnlySet<string> Retryable = new HashSet<string>(StringComparer.Ordinal) { Provision, Update, Preview, DriftCheck, Destroy };
}
