using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Data.Tests.Infrastructure;

/// <summary>
/// The portal's data layer as the app wires it (AddPortalData on a real host, migrations applied by the initializer)
/// on a SQLite file in a temp directory of its own, deleted afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private IHost _host;

    private TestDatabase(IHost host, string directory)
    {
        _host = host;
        Directory = directory;
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "portal.db");

    public IServiceProvider Services => _host.Services;

    public IDbContextFactory<PortalDbContext> ContextFactory => Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public static async Task<TestDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        var host = BuildHost(directory);
        await host.StartAsync();
        return new TestDatabase(host, directory);
    }

    public static IHost BuildHost(string directory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:DataDirectory"] = directory });
        builder.Logging.ClearProviders();
        builder.AddPortalData();
        return builder.Build();
    }

    public Task<PortalDbContext> CreateContextAsync() => ContextFactory.CreateDbContextAsync();

    /// <summary>A bare connection to the file, as an attacker with file access (or the sqlite3 CLI) would have.</summary>
    public async Task<SqliteConnection> OpenRawConnectionAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public async Task<int> ExecuteRawAsync(string sql)
    {
        await using var connection = await OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the host and starts a new one on the same files, as a restarted portal would.</summary>
    public async Task RestartAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _host = BuildHost(Directory);
        await _host.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A connection of a failed test may still hold a file; the OS temp cleaner takes it.
        }
    }
}
