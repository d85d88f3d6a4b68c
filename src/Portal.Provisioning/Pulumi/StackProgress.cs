namespace Portal.Provisioning.Pulumi;

/// <summary>One typed step of a running Pulumi command, handed to the caller's <see cref="StackProgressHandler"/>.
/// Secret values never appear in progress: they are the <c>[secret]</c> placeholder.</summary>
/// <param name="Sequence">The engine event sequence number, or -1 for process output lines.</param>
/// <param name="Timestamp">When the engine stamped the event (whole seconds), or when the line was read.</param>
public abstract record StackProgress(long Sequence, DateTimeOffset Timestamp);
