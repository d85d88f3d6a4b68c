namespace Portal.Data.Entities;

public enum EnvironmentSecretKind
{
    /// <summary>A secret template parameter.</summary>
    Parameter,

    /// <summary>A secret stack output.</summary>
    Output,
}
