using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Reports.Data.Configurations;

internal sealed class ReportSnapshotConfiguration : IEntityTypeConfiguration<ReportSnapshot>
{
    public void Configure(EntityTypeBuilder<ReportSnapshot> builder)
    {
        builder.ToTable("reports_snapshot");
        builder.Property(s => s.Key).HasMaxLength(1000);
        builder.Property(s => s.Scope).HasMaxLength(1000);
        builder.Property(s => s.Query).HasMaxLength(400);
        builder.HasIndex(s => s.Key).IsUnique();
    }
}
