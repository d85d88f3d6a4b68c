namespace Portal.Provisioning.Access;

/// <summary>What a person is told when a sign-in is refused, whatever the reason (the audit log keeps the reason).</summary>
public static class SignInOutcomeText
{
    public const string Failed = "Wrong user name or password, or this account cannot sign in now. Try again later or ask an admin.";
}
