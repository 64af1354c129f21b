using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Organization.Data.Configurations;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> builder)
    {
        builder.ToTable("org_unit");
        builder.Property(u => u.Code).HasMaxLength(64);
        builder.Property(u => u.Name).HasMaxLength(200);
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.Path).HasMaxLength(200);
        builder.HasIndex(u => u.Code).IsUnique();
        builder.HasIndex(u => u.Path);
        builder.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(u => u.IsCommuneLevel);
    }
}
