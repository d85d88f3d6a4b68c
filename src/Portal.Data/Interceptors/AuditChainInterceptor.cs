using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Data.Audit;
using Portal.Data.Entities;

namespace Portal.Data.Interceptors;

/// <summary>
/// Chains every added <see cref="AuditEntry"/> to the one before it, inside the transaction that saves it,
/// and refuses to save a modified or deleted entry. When the caller has no transaction, it opens one for the save:
/// SQLite's BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) takes the write lock before the chain tip is read,
/// so two writers can never chain to the same tip. Known secrets are masked in every entry before it is hashed.
/// </summary>
public sealed class AuditChainInterceptor(TimeProvider clock, Redaction.ISecretRedactor redactor) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _ownTransactions = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        throw new InvalidOperationException("Use SaveChangesAsync: the audit chain is written asynchronously.");

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var context = eventData.Context;
        if (context is null)
        {
            return result;
        }

        var added = new List<EntityEntry<AuditEntry>>();
        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    added.Add(entry);
                    break;
                case EntityState.Modified or EntityState.Deleted:
                    throw new InvalidOperationException($"Audit entry {entry.Entity.Sequence} cannot be changed or deleted: the audit log is append-only.");
            }
        }

        if (added.Count == 0)
        {
            return result;
        }

        if (context.Database.CurrentTransaction is null)
        {
            _ownTransactions.AddOrUpdate(context, await context.Database.BeginTransactionAsync(cancellationToken));
        }

        var (sequence, previousHash) = await ReadTipAsync(context, cancellationToken);
        var now = clock.GetUtcNow();
        // In the order they were added (their placeholder keys count down), which is the order they happened in.
        foreach (var tracked in added.OrderByDescending(e => e.Property(a => a.Sequence).CurrentValue))
        {
            var entry = tracked.Entity;
            var sequenceProperty = tracked.Property(a => a.Sequence);
            sequenceProperty.CurrentValue = ++sequence;
            entry.Time = entry.Time == default ? now : entry.Time.ToUniversalTime();
            // Redacted before hashing: the chain covers exactly what is stored.
            entry.DetailsJson = redactor.Redact(entry.DetailsJson);
            entry.Target = redactor.Redact(entry.Target);
            entry.PreviousHash = previousHash;
            entry.Hash = AuditHasher.Compute(entry);
            previousHash = entry.Hash;
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _ownTransactions.TryGetValue(context, out var transaction))
        {
            _ownTransactions.Remove(context);
            await using (transaction)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _ownTransactions.TryGetValue(context, out var transaction))
        {
            _ownTransactions.Remove(context);
            await using (transaction)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// The last entry's sequence and hash, read inside the save's transaction. Plain SQL rather than LINQ: this runs
    /// on every audited save, and EF's query pipeline cost more than the read itself (audit-append benchmark).
    /// </summary>
    private static async Task<(long Sequence, string Hash)> ReadTipAsync(DbContext context, CancellationToken cancellationToken)
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "SELECT Sequence, Hash FROM AuditEntries ORDER BY Sequence DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditHasher.GenesisHash);
    }
}
