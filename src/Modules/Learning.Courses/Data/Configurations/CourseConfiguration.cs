using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Courses.Data.Configurations;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.ToTable("courses_course");
        builder.Property(c => c.Slug).HasMaxLength(100);
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.Property(c => c.Summary).HasMaxLength(4000);
        builder.Property(c => c.Topic).HasMaxLength(50);
        builder.Property(c => c.Audience).HasMaxLength(2000);
        builder.Property(c => c.Language).HasMaxLength(10);
        builder.Property(c => c.EstimatedHours).HasPrecision(6, 1);
        builder.Property(c => c.CoverPath).HasMaxLength(300);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.HasMany(c => c.Modules).WithOne().HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Cascade);
    }
}
