using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Audit;
using Portal.Data.Entities;
using Portal.Data.Tests.Infrastructure;

namespace Portal.Data.Tests.Audit;

public sealed class AuditChainTests
{
    [Fact]
    public async Task SaveChangesAsync_EntriesFromSeveralContexts_ChainsThemInSequence()
    {
        await using var database = await TestDatabase.CreateAsync();
        for (var save = 0; save < 3; save++)
        {
            await using var db = await database.CreateContextAsync();
            db.AuditEntries.AddRange(AuditEntries.Create(actor: $"user{save}"), AuditEntries.Create(actor: $"user{save}", action: "environment.update"));
            await db.SaveChangesAsync();
        }

        var entries = await ReadAllAsync(database);

        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(AuditHasher.GenesisHash, entries[0].PreviousHash);
        foreach (var (previous, next) in entries.Zip(entries.Skip(1)))
        {
            Assert.Equal(previous.Hash, next.PreviousHash);
        }

        Assert.All(entries, e => Assert.Equal(AuditHasher.Compute(e), e.Hash));
        Assert.All(entries, e => Assert.NotEqual(default, e.Time));
        await AssertChainValidAsync(database, 6);
    }

    [Fact]
    public async Task SaveChangesAsync_ConcurrentWriters_NeverDuplicateASequenceAndTheChainVerifies()
    {
        await using var database = await TestDatabase.CreateAsync();
        const int writers = 8;
        const int savesPerWriter = 25;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var save = 0; save < savesPerWriter; save++)
            {
                await using var db = await database.CreateContextAsync();
                db.AuditEntries.Add(AuditEntries.Create(actor: $"writer{writer}", details: $"{{\"save\":{save}}}"));
                await db.SaveChangesAsync();
            }
        })));

        var entries = await ReadAllAsync(database);
        Assert.Equal(Enumerable.Range(1, writers * savesPerWriter).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(writers * savesPerWriter, entries.Select(e => e.PreviousHash).Distinct().Count());
        await AssertChainValidAsync(database, writers * savesPerWriter);
    }

    [Fact]
    public async Task SaveChangesAsync_CallerTransactionRolledBack_WritesNeitherTheChangeNorItsAuditEntry()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditEntries.AppendAsync(database, 2);
        await using (var db = await database.CreateContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Environments.Add(new EnvironmentRecord { Name = "dev-9", StackName = "dev-9", TemplateName = "t", CreatedBy = "alice" });
            db.AuditEntries.Add(AuditEntries.Create(environment: "dev-9"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using (var db = await database.CreateContextAsync())
        {
            Assert.False(await db.Environments.AnyAsync(e => e.Name == "dev-9"));
            Assert.Equal(2, await db.AuditEntries.CountAsync());
            db.AuditEntries.Add(AuditEntries.Create());
            await db.SaveChangesAsync();
        }

        await AssertChainValidAsync(database, 3);
    }

    [Fact]
    public async Task SaveChangesAsync_ChangeFailsToSave_RollsBackItsAuditEntryToo()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = await database.CreateContextAsync())
        {
            db.Environments.Add(new EnvironmentRecord { Name = "dev-1", StackName = "dev-1", TemplateName = "t", CreatedBy = "alice" });
            db.AuditEntries.Add(AuditEntries.Create());
            await db.SaveChangesAsync();
        }

        await using (var db = await database.CreateContextAsync())
        {
            // The same live name again violates the unique index: the audit entry saved with it must go too.
            db.Environments.Add(new EnvironmentRecord { Name = "dev-1", StackName = "dev-1", TemplateName = "t", CreatedBy = "alice" });
            db.AuditEntries.Add(AuditEntries.Create());
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using (var db = await database.CreateContextAsync())
        {
            Assert.Equal(1, await db.AuditEntries.CountAsync());
            db.AuditEntries.Add(AuditEntries.Create());
            await db.SaveChangesAsync();
        }

        await AssertChainValidAsync(database, 2);
    }

    [Fact]
    public async Task SaveChangesAsync_ModifiedEntry_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditEntries.AppendAsync(database, 1);
        await using var db = await database.CreateContextAsync();
        var entry = await db.AuditEntries.SingleAsync();
        entry.Actor = "mallory";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        await AssertStoredActorAsync(database, "alice");
    }

    [Fact]
    public async Task SaveChangesAsync_DeletedEntry_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditEntries.AppendAsync(database, 1);
        await using var db = await database.CreateContextAsync();
        db.AuditEntries.Remove(await db.AuditEntries.SingleAsync());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        await AssertStoredActorAsync(database, "alice");
    }

    [Fact]
    public async Task SaveChanges_Synchronous_IsRefusedSoTheChainIsAlwaysWrittenAsynchronously()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.CreateContextAsync();
        db.AuditEntries.Add(AuditEntries.Create());

        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
    }

    private static async Task<List<AuditEntry>> ReadAllAsync(TestDatabase database)
    {
        await using var db = await database.CreateContextAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    private static async Task AssertStoredActorAsync(TestDatabase database, string actor)
    {
        var entry = Assert.Single(await ReadAllAsync(database));
        Assert.Equal(actor, entry.Actor);
    }

    private static async Task AssertChainValidAsync(TestDatabase database, long expectedEntries)
    {
        var verification = await database.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        Assert.True(verification.IsValid, verification.Problem);
        Assert.Equal(expectedEntries, verification.EntriesChecked);
    }
}
