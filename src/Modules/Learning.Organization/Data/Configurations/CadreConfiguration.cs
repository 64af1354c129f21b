using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Organization.Data.Configurations;

internal sealed class CadreConfiguration : IEntityTypeConfiguration<Cadre>
{
    public void Configure(EntityTypeBuilder<Cadre> builder)
    {
        builder.ToTable("org_cadre");
        builder.Property(c => c.Email).HasMaxLength(256);
        builder.Property(c => c.FullName).HasMaxLength(200);
        builder.Property(c => c.Position).HasMaxLength(200);
        builder.Property(c => c.OrgPath).HasMaxLength(200);
        builder.Property(c => c.Phone).HasMaxLength(20);
        builder.Property(c => c.TransferredFrom).HasMaxLength(200);
        builder.Property(c => c.UserId).HasMaxLength(64);
        builder.HasIndex(c => c.Email).IsUnique();
        builder.HasIndex(c => c.OrgPath);
        // A scope's prefix match (OrgPath LIKE '/56/%') by index under any database collation (PostgreSQL; SQLite ignores the operators).
        builder.HasIndex(c => c.OrgPath, "IX_org_cadre_OrgPath_pattern").HasOperators("varchar_pattern_ops").IncludeProperties(c => new { c.UserId });
        builder.HasIndex(c => c.UserId);
        builder.HasOne(c => c.Unit).WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
