using Microsoft.EntityFrameworkCore;
using Portal.Data.Configurations;
using Portal.Data.Entities;

namespace Portal.Data;

/// <summary>The portal's database. Always created through IDbContextFactory, one short-lived context per operation.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options)
{
    public DbSet<EnvironmentRecord> Environments => Set<EnvironmentRecord>();

    public DbSet<EnvironmentSecret> EnvironmentSecrets => Set<EnvironmentSecret>();

    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<JobEvent> JobEvents => Set<JobEvent>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ReleaseRecord> Releases => Set<ReleaseRecord>();

    public DbSet<UserAccount> Users => Set<UserAccount>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();

    public DbSet<ApprovalDecision> ApprovalDecisions => Set<ApprovalDecision>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
