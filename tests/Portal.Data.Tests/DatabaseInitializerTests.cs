using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Audit;
using Portal.Data.Entities;
using Portal.Data.Tests.Infrastructure;

namespace Portal.Data.Tests;

public sealed class DatabaseInitializerTests
{
    [Fact]
    public async Task StartAsync_FreshDatabase_AppliesEveryMigrationWithWalAndForeignKeysOn()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.CreateContextAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal("wal", await ScalarAsync(db, "PRAGMA journal_mode;"));
        Assert.Equal(1L, await ScalarAsync(db, "PRAGMA foreign_keys;"));
        Assert.Equal(2L, await ScalarAsync(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEntries';"));
    }

    [Fact]
    public async Task StartAsync_FreshDatabase_EnforcesForeignKeys()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.CreateContextAsync();
        db.Jobs.Add(new Job { Kind = "k", Title = "t", RequestedBy = "alice", EnvironmentId = 999 });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Contains("FOREIGN KEY", error.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_RestartOnMigratedDatabase_KeepsTheDataAndTheChain()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditEntries.AppendAsync(database, 3);

        await database.RestartAsync();

        await using var db = await database.CreateContextAsync();
        Assert.Equal(3, await db.AuditEntries.CountAsync());
        var verification = await database.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        Assert.True(verification.IsValid, verification.Problem);
    }

    private static async Task<object?> ScalarAsync(PortalDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
