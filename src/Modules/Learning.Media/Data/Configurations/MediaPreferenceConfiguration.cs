using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Media.Data.Configurations;

internal sealed class MediaPreferenceConfiguration : IEntityTypeConfiguration<MediaPreference>
{
    public void Configure(EntityTypeBuilder<MediaPreference> builder)
    {
        builder.ToTable("media_preference");
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.DataSaver).HasMaxLength(10);
    }
}
