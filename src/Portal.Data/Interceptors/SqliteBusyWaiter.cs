using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Portal.Data.Interceptors;

/// <summary>
/// Waits for SQLite's write lock in milliseconds instead of seconds. The e_sqlite3 build that SQLitePCLRaw 2.0.6 ships
/// (the newest our feed has, see shared/STACK.md) was compiled without usleep, so SQLite's own busy handler sleeps a
/// whole second whenever two writers meet: a job start or an enqueue then stalls for 1 s (measured by the
/// queue-latency benchmark). This handler retries every millisecond at first and backs off to 10 ms, up to the busy
/// timeout: the portal's transactions hold the lock for about a millisecond, so a waiter that sleeps longer (SQLite's
/// own usleep schedule reaches 25 ms after six tries) leaves the lock idle (queue-throughput benchmark).
/// SQLitePCLRaw 2.0 does not wrap sqlite3_busy_handler, so it is called directly on the native library the provider
/// already loaded; if that library is not there (another provider), PRAGMA busy_timeout stays in force.
/// </summary>
internal static class SqliteBusyWaiter
{
    private static readonly int[] s_delaysMilliseconds = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 5, 5, 5, 5, 10];

    /// <summary>How long the waits before the i-th call added up to.</summary>
    private static readonly int[] s_waitedBeforeMilliseconds = [.. s_delaysMilliseconds.Select((_, i) => s_delaysMilliseconds.Take(i).Sum())];

    // Rooted for the life of the process: SQLite keeps the function pointer.
    private static readonly BusyCallback s_callback = OnBusy;

    private static bool s_unavailable;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BusyCallback(IntPtr busyTimeoutMilliseconds, int priorCalls);

    /// <summary>Replaces the connection's busy handler; false when the native call is not available.</summary>
    public static bool TryInstall(DbConnection connection, int busyTimeoutMilliseconds)
    {
        if (s_unavailable || connection is not SqliteConnection { Handle: { } handle })
        {
            return false;
        }

        try
        {
            return NativeMethods.sqlite3_busy_handler(handle.DangerousGetHandle(), s_callback, busyTimeoutMilliseconds) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_unavailable = true;
            return false;
        }
    }

    /// <summary>Sleeps and asks SQLite to retry (non-zero) until the waits add up to the busy timeout.</summary>
    private static int OnBusy(IntPtr busyTimeoutMilliseconds, int priorCalls)
    {
        var delay = NextDelayMilliseconds(checked((int)busyTimeoutMilliseconds), priorCalls);
        if (delay <= 0)
        {
            return 0;
        }

        Thread.Sleep(delay);
        return 1;
    }

    /// <summary>How long to sleep before retry number <paramref name="priorCalls"/> + 1; 0 once the waits reach the timeout.</summary>
    internal static int NextDelayMilliseconds(int busyTimeoutMilliseconds, int priorCalls)
    {
        var (delay, waited) = priorCalls < s_delaysMilliseconds.Length
            ? (s_delaysMilliseconds[priorCalls], s_waitedBeforeMilliseconds[priorCalls])
            : (s_delaysMilliseconds[^1], s_waitedBeforeMilliseconds[^1] + (s_delaysMilliseconds[^1] * (priorCalls - s_delaysMilliseconds.Length + 1)));
        return Math.Max(0, Math.Min(delay, busyTimeoutMilliseconds - waited));
    }

    private static class NativeMethods
    {
        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_busy_handler(IntPtr db, BusyCallback callback, IntPtr busyTimeoutMilliseconds);
    }
}
