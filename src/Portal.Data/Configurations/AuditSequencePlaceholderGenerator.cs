using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace Portal.Data.Configurations;

/// <summary>
/// Gives each added <see cref="Entities.AuditEntry"/> a distinct placeholder key (negative, counting down in the order
/// they were added) until the audit chain interceptor assigns its real sequence at save time. Without it, two entries
/// added to one context share the key 0 and EF refuses to track the second (job recovery interrupts several jobs, each
/// with its entry, in one transaction). EF only accepts "temporary" values for store-generated keys, so these are
/// plain values that the interceptor always overwrites.
/// </summary>
internal sealed class AuditSequencePlaceholderGenerator : ValueGenerator<long>
{
    private long _last;

    public override bool GeneratesTemporaryValues => false;

    public override long Next(EntityEntry entry) => Interlocked.Decrement(ref _last);
}
