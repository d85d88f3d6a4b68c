using Microsoft.Data.Sqlite;
using Portal.Data.Tests.Infrastructure;

namespace Portal.Data.Tests.Audit;

/// <summary>The database itself refuses to change history, whoever writes to the file.</summary>
public sealed class AuditTriggerTests
{
    [Theory]
    [InlineData("UPDATE AuditEntries SET Actor = 'mallory' WHERE Sequence = 2")]
    [InlineData("UPDATE AuditEntries SET DetailsJson = '{}'")]
    [InlineData("DELETE FROM AuditEntries WHERE Sequence = 2")]
    [InlineData("DELETE FROM AuditEntries")]
    public async Task RawSql_UpdateOrDeleteOfAuditEntries_IsAbortedByTrigger(string sql)
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditEntries.AppendAsync(database, 3);

        var error = await Assert.ThrowsAsync<SqliteException>(() => database.ExecuteRawAsync(sql));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        await using var connection = await database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AuditEntries WHERE Actor = 'alice' AND DetailsJson <> '{}'";
        Assert.Equal(3L, await command.ExecuteScalarAsync());
    }
}
