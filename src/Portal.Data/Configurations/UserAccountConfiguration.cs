using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.ToTable("Users");
        builder.Property(u => u.Name).HasMaxLength(200).UseCollation("NOCASE");
        builder.Property(u => u.PasswordHash).HasMaxLength(500);
        builder.Property(u => u.Roles).HasMaxLength(100);
        builder.Property(u => u.Source).HasMaxLength(20);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);

        // NOCASE on the column makes the unique index, and every comparison with it, case-insensitive.
        builder.HasIndex(u => u.Name).IsUnique();
    }
}
