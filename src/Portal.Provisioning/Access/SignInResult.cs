namespace Portal.Provisioning.Access;

/// <summary>The outcome of a password check, with the user when it succeeded and a message for the sign-in page.</summary>
public sealed record SignInResult(SignInOutcome Outcome, UserSummary? User, string Message)
{
    public bool Succeeded => Outcome == SignInOutcome.Succeeded;
}
