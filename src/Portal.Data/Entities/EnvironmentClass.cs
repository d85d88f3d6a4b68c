namespace Portal.Data.Entities;

/// <summary>The class decides protection, time to live and who may do what (PRODUCT.md).</summary>
public enum EnvironmentClass
{
    Development,
    Staging,
    Production,
    Ephemeral,
}
