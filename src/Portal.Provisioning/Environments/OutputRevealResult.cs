namespace Portal.Provisioning.Environments;

/// <summary>A revealed secret output, or why it could not be revealed.</summary>
public sealed record OutputRevealResult(string? Value, string? Error)
{
    public bool Revealed => Error is null;

    /// <summary>The actor may not reveal secrets (Admin only); audited as denied.</summary>
    public bool Forbidden { get; init; }
}
