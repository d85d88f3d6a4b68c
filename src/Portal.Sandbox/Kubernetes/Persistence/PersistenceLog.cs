namespace Portal.Sandbox.Kubernetes.Persistence;

/// <summary>Log messages of the sandbox's state directory (event ids 3110-3129).</summary>
internal static partial class PersistenceLog
{
    [LoggerMessage(3110, LogLevel.Information, "Sandbox cluster restored from {Path}: {Count} objects, resourceVersion {ResourceVersion}")]
    public static partial void StateRestored(ILogger logger, string path, int count, long resourceVersion);

    [LoggerMessage(3111, LogLevel.Warning, "The sandbox cluster state in {Path} was not saved on shutdown (the process stopped abruptly); the last changes before it may be lost, and resourceVersions skip ahead by {Gap}")]
    public static partial void UncleanShutdown(ILogger logger, string path, long gap);

    [LoggerMessage(3112, LogLevel.Error, "The sandbox cluster state file {Path} cannot be used, so the sandbox starts with an empty cluster; the file was moved to {MovedTo}")]
    public static partial void StateCorrupt(ILogger logger, Exception exception, string path, string movedTo);

    [LoggerMessage(3113, LogLevel.Error, "Saving the sandbox cluster state to {Path} failed; the next change retries")]
    public static partial void SaveFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(3114, LogLevel.Error, "The sandbox credential file {Path} cannot be used, so new credentials were created and kubeconfigs written before no longer work; the file was moved to {MovedTo}")]
    public static partial void CredentialsCorrupt(ILogger logger, Exception exception, string path, string movedTo);

    [LoggerMessage(3115, LogLevel.Information, "Renewed the sandbox API server certificate in {Directory} from the saved CA (kubeconfigs stay valid)")]
    public static partial void ServerCertificateRenewed(ILogger logger, string directory);

    [LoggerMessage(3116, LogLevel.Error, "The file {Path} cannot be moved aside")]
    public static partial void MoveAsideFailed(ILogger logger, Exception exception, string path);
}
