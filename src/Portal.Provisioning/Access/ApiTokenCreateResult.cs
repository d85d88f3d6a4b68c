namespace Portal.Provisioning.Access;

/// <summary>A created token, whose <see cref="Token"/> text is shown once and never again; or why it was not created.</summary>
public sealed record ApiTokenCreateResult(AccountCommandResult Result, string? Token, ApiTokenSummary? Summary);
