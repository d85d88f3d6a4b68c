namespace Portal.Provisioning.Jobs;

public enum CancelOutcome
{
    /// <summary>The job was not running yet and is now Cancelled.</summary>
    Cancelled,

    /// <summary>The running step was asked to stop; the job ends as Cancelled when it does.</summary>
    CancelRequested,

    /// <summary>A second cancel: the running step is abandoned and its processes killed.</summary>
    ForceRequested,

    /// <summary>The job had already finished; nothing changed.</summary>
    AlreadyFinished,

    NotFound,

    /// <summary>The actor's roles do not allow cancelling (see <c>PortalPermissions</c>); nothing changed.</summary>
    Forbidden,
}
