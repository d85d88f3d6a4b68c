namespace Portal.Provisioning.Access;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>Unknown user or wrong password (the two are not told apart).</summary>
    Failed,

    LockedOut,

    Disabled,
}
