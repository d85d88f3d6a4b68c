using Portal.Data.Entities;

namespace Portal.Data.Tests.Infrastructure;

/// <summary>Audit entries to append; the interceptor sets sequence and hashes.</summary>
public static class AuditEntries
{
    public static AuditEntry Create(string actor = "alice", string action = "environment.create", string? environment = "dev-1", DateTimeOffset? time = null, string details = "{\"n\":1}") => new()
    {
        Actor = actor,
        Action = action,
        Target = environment is null ? "system" : $"environment/{environment}",
        EnvironmentName = environment,
        DetailsJson = details,
        Outcome = "succeeded",
        RemoteAddress = "127.0.0.1",
        Time = time ?? default,
    };

    /// <summary>Appends <paramref name="count"/> entries, one transaction each.</summary>
    public static async Task AppendAsync(TestDatabase database, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var db = await database.CreateContextAsync();
            db.AuditEntries.Add(Create(details: $"{{\"n\":{i}}}"));
            await db.SaveChangesAsync();
        }
    }
}
