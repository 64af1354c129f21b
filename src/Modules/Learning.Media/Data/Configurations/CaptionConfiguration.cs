using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Media.Data.Configurations;

internal sealed class CaptionConfiguration : IEntityTypeConfiguration<Caption>
{
    public void Configure(EntityTypeBuilder<Caption> builder)
    {
        builder.ToTable("media_caption");
        builder.Property(c => c.Language).HasMaxLength(10);
        builder.Property(c => c.Label).HasMaxLength(50);
        builder.HasIndex(c => new { c.VideoId, c.Language }).IsUnique();
        builder.HasMany(c => c.Cues).WithOne().HasForeignKey(c => c.CaptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
