namespace Portal.Data.Entities;

/// <summary>
/// A secret of an environment, encrypted with ASP.NET Core Data Protection before it reaches the database: a secret
/// parameter the user entered (jobs set it as a secret Pulumi config value) or a secret stack output (the kubeconfig
/// the live view needs, a reveal by an Admin). Job payloads and audit entries name these, never copy them.
/// </summary>
public sealed class EnvironmentSecret
{
    public long Id { get; set; }

    public long EnvironmentId { get; set; }

    public EnvironmentSecretKind Kind { get; set; }

    /// <summary>The parameter or output name.</summary>
    public required string Name { get; set; }

    /// <summary>The Data Protection payload; only the provisioning layer can read it.</summary>
    public required string ProtectedValue { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
