using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Kubernetes;

/// <summary>Source-generated log messages of the Kubernetes client. Event ids 3000-3099. Never log tokens or keys.</summary>
internal static partial class KubernetesLog
{
    [LoggerMessage(3000, LogLevel.Debug, "Running exec credential plugin {Command} for user {User}")]
    public static partial void ExecPluginStarted(ILogger logger, string command, string user);

    [LoggerMessage(3001, LogLevel.Debug, "Generated a native EKS token for cluster {ClusterId} in {Region}")]
    public static partial void EksTokenGenerated(ILogger logger, string clusterId, string region);

    [LoggerMessage(3002, LogLevel.Information, "Credential rejected by {Server} (401); refreshing before the next request")]
    public static partial void CredentialRejected(ILogger logger, Uri server);

    [LoggerMessage(3010, LogLevel.Information, "Watch of {Path} expired (410); re-listing")]
    public static partial void WatchExpired(ILogger logger, string path);

    [LoggerMessage(3011, LogLevel.Warning, "Watch of {Path} failed; reconnecting in {Delay}")]
    public static partial void WatchReconnecting(ILogger logger, Exception exception, string path, TimeSpan delay);

    [LoggerMessage(3020, LogLevel.Debug, "Shared watch {Key} started")]
    public static partial void SharedWatchStarted(ILogger logger, string key);

    [LoggerMessage(3021, LogLevel.Debug, "Shared watch {Key} closed after its last viewer left")]
    public static partial void SharedWatchClosed(ILogger logger, string key);
}
