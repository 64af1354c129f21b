using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Certificates.Data.Configurations;

internal sealed class CertificateTemplateConfiguration : IEntityTypeConfiguration<CertificateTemplate>
{
    public void Configure(EntityTypeBuilder<CertificateTemplate> builder)
    {
        builder.ToTable("certificates_templates");
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Agency).HasMaxLength(500);
        builder.Property(t => t.Place).HasMaxLength(100);
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.BodyLiquid).HasMaxLength(8000);
        builder.Property(t => t.UpdatedBy).HasMaxLength(450);
        builder.Property(t => t.Orientation).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Revision).IsConcurrencyToken();
        builder.HasIndex(t => t.CourseId).IsUnique();
        builder.HasIndex(t => t.PathId).IsUnique();
        builder.HasMany(t => t.Signatories).WithOne().HasForeignKey(s => s.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}
