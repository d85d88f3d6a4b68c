using Portal.Data.Entities;

namespace Portal.Provisioning.Approvals;

/// <summary>Filters of the approvals list; null means any.</summary>
/// <param name="Status">Only requests in this status.</param>
/// <param name="Environment">Only requests of the environment with this name.</param>
public sealed record ApprovalFilter(ApprovalStatus? Status = null, string? Environment = null);
