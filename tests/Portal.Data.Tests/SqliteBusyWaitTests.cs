using System.Diagnostics;
using Portal.Data.Tests.Infrastructure;

namespace Portal.Data.Tests;

public sealed class SqliteBusyWaitTests
{
    /// <summary>
    /// The e_sqlite3 our feed ships sleeps a whole second in its own busy handler whenever two writers meet; the portal
    /// installs one that retries within milliseconds. The bound is loose on purpose: the old handler cannot go under
    /// 1 s, so anything well below it proves the fix without measuring performance. Both contexts save once before the
    /// measured save, so JIT and first-use costs on a loaded machine stay out of the measurement.
    /// </summary>
    [Fact]
    public async Task SaveChangesAsync_WhileAnotherWriterHoldsTheLockBriefly_WaitsMillisecondsNotASecond()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var holder = await database.CreateContextAsync();
        await using var waiter = await database.CreateContextAsync();
        holder.AuditEntries.Add(AuditEntries.Create(actor: "holder-warm-up"));
        await holder.SaveChangesAsync();
        waiter.AuditEntries.Add(AuditEntries.Create(actor: "waiter-warm-up"));
        await waiter.SaveChangesAsync();

        var transaction = await holder.Database.BeginTransactionAsync();
        holder.AuditEntries.Add(AuditEntries.Create(actor: "holder"));
        await holder.SaveChangesAsync();

        waiter.AuditEntries.Add(AuditEntries.Create(actor: "waiter"));
        var stopwatch = Stopwatch.StartNew();
        var save = Task.Run(() => waiter.SaveChangesAsync());
        await Task.Delay(TimeSpan.FromMilliseconds(20));
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await save;
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromMilliseconds(800), $"the second writer waited {stopwatch.ElapsedMilliseconds} ms for a lock held about 20 ms");
    }
}
