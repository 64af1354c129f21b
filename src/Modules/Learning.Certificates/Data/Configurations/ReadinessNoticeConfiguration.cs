using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Certificates.Data.Configurations;

internal sealed class ReadinessNoticeConfiguration : IEntityTypeConfiguration<ReadinessNotice>
{
    public void Configure(EntityTypeBuilder<ReadinessNotice> builder)
    {
        builder.ToTable("certificates_readiness_notices");
        builder.HasIndex(n => new { n.CadreId, n.Requirement }).IsUnique();
        builder.Property(n => n.Requirement).HasMaxLength(400);
    }
}
