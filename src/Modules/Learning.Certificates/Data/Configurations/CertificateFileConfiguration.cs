using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Certificates.Data.Configurations;

internal sealed class CertificateFileConfiguration : IEntityTypeConfiguration<CertificateFile>
{
    public void Configure(EntityTypeBuilder<CertificateFile> builder)
    {
        builder.ToTable("certificates_file");
        builder.HasKey(f => f.CertificateId);
        builder.Property(f => f.CertificateId).ValueGeneratedNever();
    }
}
