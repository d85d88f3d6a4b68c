namespace Portal.Data.Entities;

/// <summary>
/// The life of a job. Queued → Running → Succeeded | Failed | Cancelled | Interrupted.
/// AwaitingApproval sits before Queued for changes to protected environments.
/// Interrupted means the process running the job died; such a job is never re-run by itself.
/// </summary>
public enum JobState
{
    Queued,
    AwaitingApproval,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Interrupted,
}
