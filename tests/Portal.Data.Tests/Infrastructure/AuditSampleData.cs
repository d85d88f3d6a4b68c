using Portal.Data.Entities;

namespace Portal.Data.Tests.Infrastructure;

/// <summary>
/// Twelve entries over twelve hours: actors alice/bob/carol in turn, actions create/update in turn (6 each), and
/// environments dev-1, dev-2 and none in turn, so every filter has a known answer.
/// </summary>
public static class AuditSampleData
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static readonly string[] Actors = ["alice", "bob", "carol"];

    public static readonly string?[] Environments = ["dev-1", "dev-2", null];

    public static IReadOnlyList<AuditEntry> Entries { get; } = [.. Enumerable.Range(0, 12).Select(i => AuditEntries.Create(
        actor: Actors[i % 3],
        action: i % 2 == 0 ? "environment.create" : "environment.update",
        environment: Environments[i % 3],
        time: Start.AddHours(i),
        details: $"{{\"index\":{i},\"note\":\"a, \\\"quoted\\\" value\"}}"))];

    /// <summary>Sequence i + 1 for entry i.</summary>
    public static async Task SeedAsync(TestDatabase database)
    {
        foreach (var entry in Entries)
        {
            await using var db = await database.CreateContextAsync();
            db.AuditEntries.Add(Copy(entry));
            await db.SaveChangesAsync();
        }
    }

    private static AuditEntry Copy(AuditEntry entry) => AuditEntries.Create(entry.Actor, entry.Action, entry.EnvironmentName, entry.Time, entry.DetailsJson);
}
