using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Reports.Data.Configurations;

internal sealed class ReportSubscriptionConfiguration : IEntityTypeConfiguration<ReportSubscription>
{
    public void Configure(EntityTypeBuilder<ReportSubscription> builder)
    {
        builder.ToTable("reports_subscriptions");
        builder.Property(s => s.OwnerId).HasMaxLength(450);
        builder.Property(s => s.Cadence).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.LastSentPeriod).HasMaxLength(16);
        builder.HasOne<SavedReport>().WithMany().HasForeignKey(s => s.SavedReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.SavedReportId, s.OwnerId }).IsUnique();
        builder.HasIndex(s => new { s.Active, s.Cadence });
    }
}
