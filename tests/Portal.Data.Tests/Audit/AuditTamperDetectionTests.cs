using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Audit;
using Portal.Data.Tests.Infrastructure;

namespace Portal.Data.Tests.Audit;

/// <summary>
/// Someone with write access to the file drops the triggers and rewrites history; the verifier must name the entry.
/// </summary>
public sealed class AuditTamperDetectionTests
{
    [Theory]
    [InlineData("DetailsJson = '{\"n\":999}'")]
    [InlineData("Actor = 'mallory'")]
    [InlineData("Time = Time + 1")]
    [InlineData("Action = 'environment.read'")]
    [InlineData("EnvironmentName = NULL")]
    public async Task VerifyAsync_RowModifiedWithTriggerDropped_ReportsThatSequence(string change)
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditEntries.AppendAsync(database, 5);
        Assert.True((await VerifyAsync(database)).IsValid);

        await database.ExecuteRawAsync("DROP TRIGGER AuditEntries_NoUpdate");
        Assert.Equal(1, await database.ExecuteRawAsync($"UPDATE AuditEntries SET {change} WHERE Sequence = 3"));

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal("Entry 3 was modified: its content does not match its hash.", result.Problem);
        Assert.Equal(3, result.EntriesChecked);
    }

    [Fact]
    public async Task VerifyAsync_MiddleRowDeletedWithTriggerDropped_ReportsItMissing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditEntries.AppendAsync(database, 5);

        await database.ExecuteRawAsync("DROP TRIGGER AuditEntries_NoDelete");
        Assert.Equal(1, await database.ExecuteRawAsync("DELETE FROM AuditEntries WHERE Sequence = 3"));

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal("Entry 3 is missing (found 4 next).", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_RowModifiedAndItsHashRecomputed_ReportsTheNextEntryAsUnlinked()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditEntries.AppendAsync(database, 5);
        await using (var db = await database.CreateContextAsync())
        {
            // A careful forger rewrites entry 3 and gives it a matching hash; entry 4 still points at the old one.
            var third = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 3);
            third.Actor = "mallory";
            var forgedHash = AuditHasher.Compute(third);
            await database.ExecuteRawAsync("DROP TRIGGER AuditEntries_NoUpdate");
            await database.ExecuteRawAsync($"UPDATE AuditEntries SET Actor = 'mallory', Hash = '{forgedHash}' WHERE Sequence = 3");
        }

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Equal("Entry 4 does not link to the hash of entry 3.", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_IntactChain_IsValidAndRemembersTheResult()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditEntries.AppendAsync(database, 4);
        var verifier = database.Services.GetRequiredService<AuditChainVerifier>();

        var result = await verifier.VerifyAsync();

        Assert.True(result.IsValid);
        Assert.Equal(4, result.EntriesChecked);
        Assert.Null(result.FirstBrokenSequence);
        Assert.Same(result, verifier.LastResult);
    }

    private static Task<AuditVerificationResult> VerifyAsync(TestDatabase database) =>
        database.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();
}
