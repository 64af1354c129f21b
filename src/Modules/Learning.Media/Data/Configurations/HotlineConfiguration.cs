using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Media.Data.Configurations;

internal sealed class HotlineConfiguration : IEntityTypeConfiguration<Hotline>
{
    public void Configure(EntityTypeBuilder<Hotline> builder)
    {
        builder.ToTable("media_hotline");
        builder.Property(h => h.Key).HasMaxLength(100);
        builder.Property(h => h.Field).HasMaxLength(50);
        builder.Property(h => h.Name).HasMaxLength(300);
        builder.Property(h => h.OrgPath).HasMaxLength(200);
        builder.Property(h => h.OrgName).HasMaxLength(300);
        builder.Property(h => h.Phone).HasMaxLength(30);
        builder.Property(h => h.Zalo).HasMaxLength(30);
        builder.Property(h => h.Email).HasMaxLength(200);
        builder.Property(h => h.Hours).HasMaxLength(200);
        builder.HasIndex(h => h.Key).IsUnique();
        builder.HasIndex(h => h.Field);
    }
}
