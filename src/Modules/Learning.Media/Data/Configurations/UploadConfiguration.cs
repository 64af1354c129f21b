using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Media.Data.Configurations;

internal sealed class UploadConfiguration : IEntityTypeConfiguration<Upload>
{
    public void Configure(EntityTypeBuilder<Upload> builder)
    {
        builder.ToTable("media_upload");
        builder.Property(u => u.Id).HasMaxLength(32);
        builder.Property(u => u.UserId).HasMaxLength(450);
        builder.Property(u => u.FileName).HasMaxLength(300);
        builder.Property(u => u.Title).HasMaxLength(300);
    }
}
