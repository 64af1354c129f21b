using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Media.Data.Configurations;

internal sealed class CaptionCueConfiguration : IEntityTypeConfiguration<CaptionCue>
{
    public void Configure(EntityTypeBuilder<CaptionCue> builder)
    {
        builder.ToTable("media_caption_cue");
        builder.Property(c => c.Text).HasMaxLength(2000);
        builder.Property(c => c.Folded).HasMaxLength(2000);
        builder.HasIndex(c => new { c.VideoId, c.StartMs });
    }
}
