namespace Portal.Provisioning.Access;

/// <summary><c>Auth:InitialAdmin</c>: name and password of the admin created when the Users table is empty.</summary>
public sealed class InitialAdminOptions
{
    public string? Name { get; set; }

    public string? Password { get; set; }
}
