using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Certificates.Data.Configurations;

internal sealed class SignatureRecordConfiguration : IEntityTypeConfiguration<SignatureRecord>
{
    public void Configure(EntityTypeBuilder<SignatureRecord> builder)
    {
        builder.ToTable("certificates_signatures");
        builder.HasIndex(s => s.CadreId).IsUnique();
        builder.HasIndex(s => s.Serial).IsUnique();
        builder.Property(s => s.RequestedBy).HasMaxLength(256);
        builder.Property(s => s.ReturnReason).HasMaxLength(500);
        builder.Property(s => s.Serial).HasMaxLength(100);
        builder.Property(s => s.Provider).HasMaxLength(200);
    }
}
