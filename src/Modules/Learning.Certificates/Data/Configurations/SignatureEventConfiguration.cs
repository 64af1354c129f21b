using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Certificates.Data.Configurations;

internal sealed class SignatureEventConfiguration : IEntityTypeConfiguration<SignatureEvent>
{
    public void Configure(EntityTypeBuilder<SignatureEvent> builder)
    {
        builder.ToTable("certificates_signature_events");
        builder.HasIndex(e => new { e.CadreId, e.AtUtc });
        builder.Property(e => e.Action).HasMaxLength(32);
        builder.Property(e => e.Details).HasMaxLength(1000);
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(256);
    }
}
