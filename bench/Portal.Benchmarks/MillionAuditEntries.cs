using Microsoft.Data.Sqlite;
using Portal.Data.Audit;
using Portal.Data.Entities;

namespace Portal.Benchmarks;

/// <summary>
/// Fills AuditEntries with a realistic, correctly chained history quickly: one transaction, one prepared INSERT,
/// hashes from <see cref="AuditHasher"/> so the verifier has real work and a valid chain at the end.
/// 200 users and the system act, 20 actions, 500 environments (every tenth entry has none), 30 s apart.
/// </summary>
internal static class MillionAuditEntries
{
    public const int Count = 1_000_000;
    public const int Actors = 200;
    public const int Actions = 20;
    public const int Environments = 500;

    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(30);

    private static readonly string[] s_parameterNames =
        ["$sequence", "$time", "$actor", "$action", "$target", "$environment", "$details", "$outcome", "$remote", "$previous", "$hash"];

    public static string Actor(int n) => n == 0 ? "system" : $"user{n:000}";

    public static string Action(int n) => $"area{n % 5}.verb{n:00}";

    public static string Environment(int n) => $"env-{n:000}";

    public static async Task SeedAsync(string databasePath, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO AuditEntries (Sequence, Time, Actor, Action, Target, EnvironmentName, DetailsJson, Outcome, RemoteAddress, PreviousHash, Hash)
            VALUES ($sequence, $time, $actor, $action, $target, $environment, $details, $outcome, $remote, $previous, $hash)
            """;
        var parameters = s_parameterNames
            .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name }))
            .ToArray();
        insert.Prepare();

        var random = new Random(42);
        var previousHash = AuditHasher.GenesisHash;
        for (var sequence = 1L; sequence <= Count; sequence++)
        {
            var environment = random.Next(10) == 0 ? null : Environment(random.Next(Environments));
            var entry = new AuditEntry
            {
                Sequence = sequence,
                Time = Start + (Spacing * sequence),
                Actor = Actor(random.Next(Actors + 1)),
                Action = Action(random.Next(Actions)),
                Target = environment is null ? "settings" : $"environment/{environment}",
                EnvironmentName = environment,
                DetailsJson = $"{{\"parameters\":{{\"replicas\":{random.Next(1, 10)},\"region\":\"eu-west-1\"}},\"note\":\"bench {sequence}\"}}",
                Outcome = random.Next(20) == 0 ? "failed" : "succeeded",
                RemoteAddress = $"10.0.{random.Next(256)}.{random.Next(256)}",
                PreviousHash = previousHash,
            };
            entry.Hash = AuditHasher.Compute(entry);
            previousHash = entry.Hash;

            parameters[0].Value = entry.Sequence;
            parameters[1].Value = entry.Time.UtcTicks;
            parameters[2].Value = entry.Actor;
            parameters[3].Value = entry.Action;
            parameters[4].Value = entry.Target;
            parameters[5].Value = (object?)entry.EnvironmentName ?? DBNull.Value;
            parameters[6].Value = entry.DetailsJson;
            parameters[7].Value = entry.Outcome;
            parameters[8].Value = entry.RemoteAddress;
            parameters[9].Value = entry.PreviousHash;
            parameters[10].Value = entry.Hash;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        // Fresh statistics, as a long-running database would have after its periodic optimize.
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "PRAGMA optimize; ANALYZE;";
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }
}
