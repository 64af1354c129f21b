using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Courses.Data.Configurations;

internal sealed class CourseModuleConfiguration : IEntityTypeConfiguration<CourseModule>
{
    public void Configure(EntityTypeBuilder<CourseModule> builder)
    {
        builder.ToTable("courses_module");
        builder.Property(m => m.Key).HasMaxLength(100);
        builder.Property(m => m.Title).HasMaxLength(300);
        builder.HasIndex(m => new { m.CourseId, m.Key }).IsUnique();
        builder.HasMany(m => m.Lessons).WithOne().HasForeignKey(l => l.ModuleId).OnDelete(DeleteBehavior.Cascade);
    }
}
