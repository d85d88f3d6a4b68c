namespace Portal.Provisioning.Access;

public enum AccountCommandStatus
{
    Done,

    /// <summary>A field is wrong; <see cref="AccountCommandResult.Errors"/> names it. Nothing changed.</summary>
    Invalid,

    NotFound,

    /// <summary>The actor's roles do not allow it (recorded in the audit log as denied).</summary>
    Forbidden,
}
