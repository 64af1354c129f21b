using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Certificates.Data.Configurations;

internal sealed class ReadinessRequirementConfiguration : IEntityTypeConfiguration<ReadinessRequirement>
{
    public void Configure(EntityTypeBuilder<ReadinessRequirement> builder)
    {
        builder.ToTable("certificates_readiness_requirements");
        builder.HasIndex(r => r.ProvinceUnitId).IsUnique();
        builder.Property(r => r.CourseIds).HasMaxLength(2000);
        builder.Property(r => r.UpdatedBy).HasMaxLength(256);
    }
}
