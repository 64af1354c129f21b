using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Organization.Data.Configurations;

internal sealed class ScopeAssignmentConfiguration : IEntityTypeConfiguration<ScopeAssignment>
{
    public void Configure(EntityTypeBuilder<ScopeAssignment> builder)
    {
        builder.ToTable("org_scope_assignment");
        builder.Property(s => s.UserId).HasMaxLength(64);
        builder.HasIndex(s => new { s.UserId, s.OrgUnitId }).IsUnique();
        builder.HasOne(s => s.OrgUnit).WithMany().HasForeignKey(s => s.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}
