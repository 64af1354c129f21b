using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Media.Data.Configurations;

internal sealed class WatchRecordConfiguration : IEntityTypeConfiguration<WatchRecord>
{
    public void Configure(EntityTypeBuilder<WatchRecord> builder)
    {
        builder.ToTable("media_watch");
        builder.Property(w => w.UserId).HasMaxLength(450);
        builder.Property(w => w.Intervals).HasMaxLength(8000);
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.HasIndex(w => new { w.UserId, w.VideoId }).IsUnique();
        builder.HasIndex(w => w.VideoId);
    }
}
