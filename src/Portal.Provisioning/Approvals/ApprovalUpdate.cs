using Portal.Data.Entities;

namespace Portal.Provisioning.Approvals;

/// <summary>What live views hear: a request was created, planned, decided, consumed or expired.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="EnvironmentId">Its environment.</param>
/// <param name="Status">Its status now.</param>
public sealed record ApprovalUpdate(long RequestId, long EnvironmentId, ApprovalStatus Status);
