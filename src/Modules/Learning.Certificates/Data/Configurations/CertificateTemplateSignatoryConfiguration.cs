using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Certificates.Data.Configurations;

internal sealed class CertificateTemplateSignatoryConfiguration : IEntityTypeConfiguration<CertificateTemplateSignatory>
{
    public void Configure(EntityTypeBuilder<CertificateTemplateSignatory> builder)
    {
        builder.ToTable("certificates_template_signatories");
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.Property(s => s.Name).HasMaxLength(200);
    }
}
