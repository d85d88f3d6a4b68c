namespace Portal.Sandbox.Kubernetes;

/// <summary>Log messages of the sandbox's virtual clusters (event ids 3130-3139).</summary>
internal static partial class VirtualClusterLog
{
    [LoggerMessage(3130, LogLevel.Information, "Sandbox virtual cluster {Name} created (state: {Directory})")]
    public static partial void Created(ILogger logger, string name, string directory);

    [LoggerMessage(3131, LogLevel.Information, "Sandbox virtual cluster {Name} deleted with its objects")]
    public static partial void Deleted(ILogger logger, string name);
}
