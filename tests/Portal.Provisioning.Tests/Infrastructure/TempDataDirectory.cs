using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Provisioning.Tests.Infrastructure;

/// <summary>A data directory of its own for one test, deleted with everything in it afterwards.</summary>
public sealed class TempDataDirectory : IDisposable
{
    public TempDataDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "portal.db");

    /// <summary>A context on this directory's database outside any host: no interceptors, for arranging rows a crash would leave.</summary>
    public PortalDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(Data.DependencyInjection.CreateConnectionString(DatabasePath)).Options);

    public void Dispose()
    {
        // Pooled connections keep the database files open; release them before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A background connection of a failed test may still hold a file; the OS temp cleaner takes it.
        }
    }
}
