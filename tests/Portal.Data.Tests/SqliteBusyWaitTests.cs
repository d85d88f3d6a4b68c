using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Interceptors;
using Portal.Data.Tests.Infrastructure;

namespace Portal.Data.Tests;

/// <summary>
/// The e_sqlite3 our feed ships sleeps a whole second in its own busy handler whenever two writers meet; the portal
/// installs one that retries within milliseconds. These tests pin that down without a clock: the handler installs on
/// our SQLite, its schedule retries in milliseconds up to exactly the timeout, and a contended save completes.
/// How fast that is in practice is measured by the queue-latency benchmark, not asserted here.
/// </summary>
public sealed class SqliteBusyWaitTests
{
    [Fact]
    public async Task TryInstall_OnTheBundledSqlite_Succeeds()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var context = await database.CreateContextAsync();
        await context.Database.OpenConnectionAsync();

        Assert.True(SqliteBusyWaiter.TryInstall((SqliteConnection)context.Database.GetDbConnection(), 1_000));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(1_000)]
    [InlineData(10_000)]
    public void NextDelayMilliseconds_UntilTimeout_RetriesWithinMillisecondsAndWaitsExactlyTheTimeout(int timeout)
    {
        var delays = new List<int>();
        for (var call = 0; ; call++)
        {
            var delay = SqliteBusyWaiter.NextDelayMilliseconds(timeout, call);
            if (delay == 0)
            {
                break;
            }

            delays.Add(delay);
        }

        Assert.All(delays, d => Assert.InRange(d, 1, 10));
        Assert.Equal(1, delays[0]);
        Assert.Equal(timeout, delays.Sum());
    }

    [Fact]
    public async Task SaveChangesAsync_WhileAnotherWriterHoldsTheLock_CompletesOnceItIsReleased()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var holder = await database.CreateContextAsync();
        await using var waiter = await database.CreateContextAsync();
        var transaction = await holder.Database.BeginTransactionAsync();
        holder.AuditEntries.Add(AuditEntries.Create(actor: "holder"));
        await holder.SaveChangesAsync();

        waiter.AuditEntries.Add(AuditEntries.Create(actor: "waiter"));
        var save = Task.Run(() => waiter.SaveChangesAsync());
        await Task.Delay(TimeSpan.FromMilliseconds(50));
        Assert.False(save.IsCompleted, "the second writer must wait for the lock");
        await transaction.CommitAsync();
        await transaction.DisposeAsync();

        Assert.Equal(1, await save.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, await holder.AuditEntries.CountAsync());
    }
}
