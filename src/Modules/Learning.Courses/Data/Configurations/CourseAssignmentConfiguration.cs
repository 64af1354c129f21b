using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Courses.Data.Configurations;

internal sealed class CourseAssignmentConfiguration : IEntityTypeConfiguration<CourseAssignment>
{
    public void Configure(EntityTypeBuilder<CourseAssignment> builder)
    {
        builder.ToTable("courses_assignment");
        builder.Property(a => a.Target).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.Value).HasMaxLength(300);
        builder.Property(a => a.CreatedBy).HasMaxLength(256);
        builder.HasIndex(a => a.CourseId);
    }
}
