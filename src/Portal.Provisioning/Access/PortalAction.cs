namespace Portal.Provisioning.Access;

/// <summary>Everything a person or a token may be allowed or denied; <see cref="PortalPermissions"/> decides.</summary>
public enum PortalAction
{
    /// <summary>Read environments, jobs, releases and the audit log (never a secret's value).</summary>
    Read,

    CreateEnvironment,

    /// <summary>Preview, update or apply parameter changes.</summary>
    ChangeSettings,

    CheckDrift,

    DestroyEnvironment,

    /// <summary>Cancel the stack lock, clear pending operations.</summary>
    RecoverStack,

    RevealSecret,

    /// <summary>Release, preview a release, roll back, restart.</summary>
    Release,

    CancelJob,

    RunSelfTest,

    /// <summary>Approve or reject a protected change.</summary>
    Approve,

    /// <summary>
    /// Break glass on an approval request: approve it alone in an emergency, without the eligible approvers (the plan
    /// binding still holds), with a written reason.
    /// </summary>
    BreakGlass,

    /// <summary>Create and revoke one's own API tokens.</summary>
    ManageOwnTokens,

    /// <summary>Add, disable and reset users; list and revoke everyone's tokens.</summary>
    ManageUsers,
}
