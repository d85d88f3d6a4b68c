namespace Portal.Provisioning.Approvals;

/// <summary>One decision as the detail page and the API show it.</summary>
/// <param name="User">Who decided.</param>
/// <param name="Approved">Approve (true) or reject.</param>
/// <param name="Comment">Why (required on reject).</param>
/// <param name="Time">When.</param>
/// <param name="RemoteAddress">From where.</param>
/// <param name="Voided">The plan it approved went stale.</param>
/// <param name="BreakGlass">An Admin's break-glass approval; <paramref name="Comment"/> is its reason.</param>
/// <param name="ByRequester">The break-glass was made by the requester.</param>
public sealed record ApprovalDecisionInfo(
    string User, bool Approved, string? Comment, DateTimeOffset Time, string? RemoteAddress, bool Voided, bool BreakGlass = false, bool ByRequester = false);
