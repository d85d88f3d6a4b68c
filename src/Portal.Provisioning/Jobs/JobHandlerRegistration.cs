namespace Portal.Provisioning.Jobs;

/// <summary>
/// Binds a job kind to its handler. Only handlers that declare themselves idempotent are retried after a failure:
/// re-running half of a <c>pulumi up</c> blindly is not safe, re-reading a cluster is.
/// </summary>
public sealed record JobHandlerRegistration(string Kind, Type HandlerType, bool IsIdempotent, int MaxAttempts)
{
    public int EffectiveMaxAttempts => IsIdempotent ? Math.Max(1, MaxAttempts) : 1;
}
