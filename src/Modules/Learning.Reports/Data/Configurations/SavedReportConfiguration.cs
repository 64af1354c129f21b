using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Reports.Data.Configurations;

internal sealed class SavedReportConfiguration : IEntityTypeConfiguration<SavedReport>
{
    public void Configure(EntityTypeBuilder<SavedReport> builder)
    {
        builder.ToTable("reports_saved");
        builder.Property(r => r.OwnerUserId).HasMaxLength(450);
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Kind).HasMaxLength(20);
        builder.Property(r => r.Query).HasMaxLength(2000);
        builder.HasIndex(r => new { r.OwnerUserId, r.Name });
    }
}
