namespace Portal.Provisioning.Access;

/// <summary>The outcome of a user or token command: done, or why not.</summary>
public sealed record AccountCommandResult(AccountCommandStatus Status, IReadOnlyDictionary<string, string[]> Errors, string? Message)
{
    private static readonly IReadOnlyDictionary<string, string[]> s_none = new Dictionary<string, string[]>();

    public bool Succeeded => Status == AccountCommandStatus.Done;

    public static AccountCommandResult Done(string? message = null) => new(AccountCommandStatus.Done, s_none, message);

    public static AccountCommandResult Invalid(string field, string message) =>
        new(AccountCommandStatus.Invalid, new Dictionary<string, string[]> { [field] = [message] }, message);

    public static AccountCommandResult NotFound(string message) => new(AccountCommandStatus.NotFound, s_none, message);

    public static AccountCommandResult Forbidden(string message) => new(AccountCommandStatus.Forbidden, s_none, message);
}
