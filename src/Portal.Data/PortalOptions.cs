namespace Portal.Data;

/// <summary>The <c>Portal</c> configuration section.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    public PortalMode Mode { get; set; } = PortalMode.Sandbox;

    /// <summary>Holds the database, stack workspaces and the local Pulumi backend. Created if missing.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>How long a writer waits for SQLite's write lock before failing.</summary>
    public int DatabaseBusyTimeoutMilliseconds { get; set; } = 10_000;

    /// <summary>The full path of <see cref="DataDirectory"/>.</summary>
    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);

    public string DatabasePath => Path.Combine(DataDirectoryFullPath, "portal.db");
}
