namespace Portal.Provisioning.Pulumi;

/// <summary>Settings of the Pulumi CLI driver, bound to the <c>Pulumi</c> configuration section.</summary>
public sealed class PulumiOptions
{
    public const string SectionName = "Pulumi";

    /// <summary>Path or name of the <c>pulumi</c> executable (the sandbox launcher path in sandbox mode).</summary>
    public string Command { get; set; } = "pulumi";

    /// <summary><c>file://…</c>, <c>s3://…</c> or <c>https://api.pulumi.com</c>; defaults to a file backend under the data directory.</summary>
    public string? BackendUrl { get; set; }

    /// <summary>Root of the per-environment workspace folders; defaults to <c>&lt;data&gt;/pulumi/workspaces</c>.</summary>
    public string? WorkDirectoryRoot { get; set; }

    /// <summary>Optional <c>PULUMI_HOME</c> so the CLI's selected-stack files stay out of the user's home.</summary>
    public string? PulumiHome { get; set; }

    /// <summary>Passphrase of the passphrase secrets provider; falls back to the inherited <c>PULUMI_CONFIG_PASSPHRASE</c>.</summary>
    public string? ConfigPassphrase { get; set; }

    /// <summary>Pulumi Cloud access token; falls back to the inherited <c>PULUMI_ACCESS_TOKEN</c>.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Time limit of short commands (version, config, outputs, history, export…).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time limit of preview, up, refresh and destroy.</summary>
    public TimeSpan UpdateTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>After SIGINT, how long the CLI may take to cancel gracefully before it is killed.</summary>
    public TimeSpan CancelGracePeriod { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the event log is polled while the CLI runs.</summary>
    public TimeSpan EventLogPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Extra environment variables for every CLI run (e.g. AWS_REGION).</summary>
    public Dictionary<string, string> EnvironmentVariables { get; init; } = new(StringComparer.Ordinal);
}
