using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Reports.Data.Configurations;

internal sealed class XapiStatementConfiguration : IEntityTypeConfiguration<XapiStatement>
{
    public void Configure(EntityTypeBuilder<XapiStatement> builder)
    {
        builder.ToTable("reports_statements");
        builder.Property(s => s.UserId).HasMaxLength(64);
        builder.Property(s => s.Verb).HasMaxLength(32);
        builder.Property(s => s.ActivityType).HasMaxLength(32);
        builder.Property(s => s.ActivityKey).HasMaxLength(300);
        builder.Property(s => s.ActivityName).HasMaxLength(400);
        builder.Property(s => s.OrgPath).HasMaxLength(200);
        builder.Property(s => s.UnitName).HasMaxLength(200);
        builder.Property(s => s.Detail).HasMaxLength(200);
        builder.Property(s => s.ScoreRaw).HasPrecision(9, 3);
        builder.Property(s => s.ScoreMin).HasPrecision(9, 3);
        builder.Property(s => s.ScoreMax).HasPrecision(9, 3);
        builder.HasIndex(s => s.StatementId).IsUnique();

        // The stream is read by id within a scope (org path prefix), by stored time, or by agent / activity.
        builder.HasIndex(s => new { s.OrgPath, s.Id });
        builder.HasIndex(s => s.StoredUtc);
        builder.HasIndex(s => new { s.UserId, s.Id });
        builder.HasIndex(s => new { s.ActivityType, s.ActivityKey, s.Id });
    }
}
