using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data.Interceptors;

/// <summary>
/// Per-connection SQLite settings. WAL itself is persistent and set once by the initializer; these are not.
/// synchronous=NORMAL is safe with WAL (a power cut may lose the last commits, never corrupt the file).
/// The busy timeout is then served by <see cref="SqliteBusyWaiter"/>, which waits in milliseconds, not seconds.
/// The settings live on the native connection, which the pool reuses, so they are applied once per native connection
/// rather than on every open (an open happens on every save; the audit-append benchmark measured the difference).
/// </summary>
public sealed class SqlitePragmaInterceptor(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    private readonly string _pragmas = $"PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={busyTimeoutMilliseconds};";
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSettings(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
            Configured(connection, handle);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSettings(connection, out var handle))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Configured(connection, handle);
        }
    }

    private bool NeedsSettings(DbConnection connection, out object? handle)
    {
        handle = (connection as SqliteConnection)?.Handle;
        return handle is null || !_configured.TryGetValue(handle, out _);
    }

    private void Configured(DbConnection connection, object? handle)
    {
        SqliteBusyWaiter.TryInstall(connection, busyTimeoutMilliseconds);
        if (handle is not null)
        {
            _configured.AddOrUpdate(handle, handle);
        }
    }
}
