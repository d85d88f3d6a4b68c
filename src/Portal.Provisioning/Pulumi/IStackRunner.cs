namespace Portal.Provisioning.Pulumi;

/// <summary>The seam around the <c>pulumi</c> CLI: what the Automation API would give us, one method per CLI operation.
/// Every call is cancellable and time-bounded; known failures throw subclasses of <see cref="PulumiCommandException"/>.</summary>
public interface IStackRunner
{
    /// <summary><c>pulumi version</c>; throws <see cref="PulumiCliNotFoundException"/> when the CLI is absent and
    /// <see cref="PulumiCommandException"/> when it is older than the minimum (3.1.0).</summary>
    Task<Version> GetVersionAsync(CancellationToken cancellationToken);

    /// <summary>Creates or refreshes the environment's workspace folder: copies the template program (keeping the stack settings).</summary>
    Task<StackWorkspace> PrepareWorkspaceAsync(string environmentName, string stackName, string programDirectory, CancellationToken cancellationToken);

    /// <summary><c>stack init</c>: throws <see cref="StackAlreadyExistsException"/> if the stack exists.</summary>
    Task CreateStackAsync(StackWorkspace workspace, CancellationToken cancellationToken);

    /// <summary>Selects the stack, creating it if it does not exist. Returns true if it was created.</summary>
    Task<bool> CreateOrSelectStackAsync(StackWorkspace workspace, CancellationToken cancellationToken);

    /// <summary><c>config set</c>; a secret value goes through stdin, never the command line.</summary>
    Task SetConfigAsync(StackWorkspace workspace, string key, ConfigValue value, bool path, CancellationToken cancellationToken);

    /// <summary><c>config rm-all [--path] &lt;key&gt;...</c>, one process for all: the keys are no longer set, so the
    /// program sees their defaults (or nothing). Removing a key that is not set succeeds, as the CLI's does.</summary>
    Task RemoveAllConfigAsync(StackWorkspace workspace, IReadOnlyCollection<string> keys, bool path, CancellationToken cancellationToken);

    /// <summary><c>config set-all</c> for plain values (secrets are set one by one through stdin).</summary>
    Task SetAllConfigAsync(StackWorkspace workspace, IReadOnlyDictionary<string, ConfigValue> values, bool path, CancellationToken cancellationToken);

    /// <summary><c>config --json</c>; without <paramref name="showSecrets"/> secret values are <c>[secret]</c>.</summary>
    Task<IReadOnlyDictionary<string, ConfigValue>> GetAllConfigAsync(StackWorkspace workspace, bool showSecrets, CancellationToken cancellationToken);

    /// <summary><c>preview --json</c> with the event log followed.</summary>
    Task<StackPreviewResult> PreviewAsync(StackWorkspace workspace, StackOperationOptions options, CancellationToken cancellationToken);

    /// <summary><c>refresh --preview-only</c>: drift between the state and the cloud, without changing the state.</summary>
    Task<StackPreviewResult> PreviewRefreshAsync(StackWorkspace workspace, StackOperationOptions options, CancellationToken cancellationToken);

    /// <summary><c>destroy --preview-only</c>: what a destroy would delete (for approvals).</summary>
    Task<StackPreviewResult> PreviewDestroyAsync(StackWorkspace workspace, StackOperationOptions options, CancellationToken cancellationToken);

    /// <summary><c>up --yes --skip-preview</c>, then the outputs.</summary>
    Task<StackUpdateResult> UpAsync(StackWorkspace workspace, StackOperationOptions options, CancellationToken cancellationToken);

    Task<StackUpdateResult> RefreshAsync(StackWorkspace workspace, StackOperationOptions options, CancellationToken cancellationToken);

    Task<StackUpdateResult> DestroyAsync(StackWorkspace workspace, StackOperationOptions options, CancellationToken cancellationToken);

    /// <summary><c>stack output --json</c> and <c>--show-secrets</c>; each value says whether it is secret.</summary>
    Task<IReadOnlyDictionary<string, StackOutputValue>> GetOutputsAsync(StackWorkspace workspace, CancellationToken cancellationToken);

    /// <summary><c>stack output --json</c> only: secrets are <c>[secret]</c> and never leave the CLI.</summary>
    Task<IReadOnlyDictionary<string, StackOutputValue>> GetMaskedOutputsAsync(StackWorkspace workspace, CancellationToken cancellationToken);

    Task<IReadOnlyList<StackHistoryEntry>> GetHistoryAsync(StackWorkspace workspace, int pageSize, int page, CancellationToken cancellationToken);

    /// <summary><c>cancel --yes</c>: on a file backend this deletes the stack's lock files.</summary>
    Task CancelAsync(StackWorkspace workspace, CancellationToken cancellationToken);

    /// <summary><c>stack export</c> (secrets stay encrypted): the deployment JSON.</summary>
    Task<string> ExportStackAsync(StackWorkspace workspace, CancellationToken cancellationToken);

    /// <summary><c>stack import --file</c>: replaces the state; the CLI drops pending operations.</summary>
    Task ImportStackAsync(StackWorkspace workspace, string deploymentJson, CancellationToken cancellationToken);

    /// <summary>Export then import, to clear the pending operations a crashed run left. Returns how many were cleared.</summary>
    Task<int> ClearPendingOperationsAsync(StackWorkspace workspace, CancellationToken cancellationToken);

    /// <summary><c>stack rm --yes</c> (with <c>--force</c> even if resources remain).</summary>
    Task RemoveStackAsync(StackWorkspace workspace, bool force, CancellationToken cancellationToken);
}
