namespace Portal.Provisioning.Pulumi;

/// <summary>Receives every progress item of a command, in order. The driver awaits it, so a slow handler slows the tail, not the CLI.</summary>
public delegate ValueTask StackProgressHandler(StackProgress progress, CancellationToken cancellationToken);
