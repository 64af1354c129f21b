using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Media.Data.Configurations;

internal sealed class VideoConfiguration : IEntityTypeConfiguration<Video>
{
    public void Configure(EntityTypeBuilder<Video> builder)
    {
        builder.ToTable("media_video");
        builder.Property(v => v.PublicId).HasMaxLength(32);
        builder.Property(v => v.Title).HasMaxLength(300);
        builder.Property(v => v.Description).HasMaxLength(4000);
        builder.Property(v => v.Field).HasMaxLength(50);
        builder.Property(v => v.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Error).HasMaxLength(4000);
        builder.Property(v => v.SourceFileName).HasMaxLength(300);
        builder.Property(v => v.SourceExtension).HasMaxLength(10);
        builder.Property(v => v.Renditions).HasMaxLength(100);
        builder.Property(v => v.CreatedBy).HasMaxLength(450);
        builder.HasIndex(v => v.PublicId).IsUnique();
        builder.HasIndex(v => new { v.IsHelp, v.State });
        builder.HasMany(v => v.Captions).WithOne().HasForeignKey(c => c.VideoId).OnDelete(DeleteBehavior.Cascade);
    }
}
