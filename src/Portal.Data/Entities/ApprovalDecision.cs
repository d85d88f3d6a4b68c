namespace Portal.Data.Entities;

/// <summary>One user's approve or reject of a request (or an Admin's break-glass approval). Voided when the request went stale; never deleted.</summary>
public sealed class ApprovalDecision
{
    public long Id { get; set; }

    public long ApprovalRequestId { get; set; }

    /// <summary>The deciding user, as recorded on audit entries.</summary>
    public required string User { get; set; }

    public bool Approved { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset Time { get; set; }

    public string? RemoteAddress { get; set; }

    /// <summary>True once the plan it approved no longer holds (the request went stale).</summary>
    public bool Voided { get; set; }

    /// <summary>
    /// An Admin's break-glass: it approved the request alone, skipping the eligible approvers (never the plan binding);
    /// <see cref="Comment"/> holds the written reason.
    /// </summary>
    public bool BreakGlass { get; set; }

    /// <summary>The break-glass was made by the requester themself (the emergency case, allowed and recorded).</summary>
    public bool ByRequester { get; set; }
}
