using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Queries;
using Portal.Data.Tests.Infrastructure;

namespace Portal.Data.Tests.Queries;

public sealed class AuditQueryServiceTests
{
    public static TheoryData<AuditFilter, long[]> Filters => new()
    {
        { new AuditFilter(), [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1] },
        { new AuditFilter { Actor = "bob" }, [11, 8, 5, 2] },
        { new AuditFilter { Action = "environment.update" }, [12, 10, 8, 6, 4, 2] },
        { new AuditFilter { EnvironmentName = "dev-1" }, [10, 7, 4, 1] },
        { new AuditFilter { From = AuditSampleData.Start.AddHours(3), To = AuditSampleData.Start.AddHours(6) }, [6, 5, 4] },
        { new AuditFilter { Actor = "alice", Action = "environment.update", EnvironmentName = "dev-1" }, [10, 4] },
        { new AuditFilter { Actor = "carol", From = AuditSampleData.Start.AddHours(5) }, [12, 9, 6] },
        { new AuditFilter { Actor = "nobody" }, [] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task QueryAsync_Filter_ReturnsMatchingEntriesNewestFirst(AuditFilter filter, long[] expectedSequences)
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditSampleData.SeedAsync(database);

        var page = await Query(database).QueryAsync(filter, 0, 50);

        Assert.Equal(expectedSequences, page.Items.Select(e => e.Sequence));
        Assert.Equal(expectedSequences.Length, page.TotalCount);
    }

    [Fact]
    public async Task QueryAsync_Pages_WalkTheFilteredEntriesNewestFirstWithTheTotal()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditSampleData.SeedAsync(database);
        var filter = new AuditFilter { Action = "environment.create" };

        var first = await Query(database).QueryAsync(filter, 0, 4);
        var second = await Query(database).QueryAsync(filter, 4, 4);

        Assert.Equal([11L, 9, 7, 5], first.Items.Select(e => e.Sequence));
        Assert.Equal([3L, 1], second.Items.Select(e => e.Sequence));
        Assert.Equal(6, first.TotalCount);
        Assert.Equal(6, second.TotalCount);
        Assert.Equal(AuditSampleData.Start.AddHours(10), first.Items[0].Time);
    }

    [Fact]
    public async Task QueryAsync_InvalidPaging_Throws()
    {
        await using var database = await TestDatabase.CreateAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Query(database).QueryAsync(new AuditFilter(), -1, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Query(database).QueryAsync(new AuditFilter(), 0, 0));
    }

    [Fact]
    public async Task ListActionsAsync_SeededEntries_ReturnsDistinctActionsSorted()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditSampleData.SeedAsync(database);

        Assert.Equal(["environment.create", "environment.update"], await Query(database).ListActionsAsync());
    }

    private static IAuditQueryService Query(TestDatabase database) => database.Services.GetRequiredService<IAuditQueryService>();
}
