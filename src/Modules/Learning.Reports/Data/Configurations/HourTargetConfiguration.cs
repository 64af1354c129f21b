using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Reports.Data.Configurations;

internal sealed class HourTargetConfiguration : IEntityTypeConfiguration<HourTarget>
{
    public void Configure(EntityTypeBuilder<HourTarget> builder)
    {
        builder.ToTable("reports_hour_targets");
        builder.Property(t => t.Position).HasMaxLength(200);
        builder.Property(t => t.Hours).HasPrecision(7, 2);
        builder.Property(t => t.UpdatedBy).HasMaxLength(256);
        builder.HasIndex(t => new { t.Year, t.Position }).IsUnique();
    }
}
