using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Courses.Data.Configurations;

internal sealed class CourseVersionConfiguration : IEntityTypeConfiguration<CourseVersion>
{
    public void Configure(EntityTypeBuilder<CourseVersion> builder)
    {
        builder.ToTable("courses_version");
        builder.Property(v => v.PublishedBy).HasMaxLength(256);
        builder.HasIndex(v => new { v.CourseId, v.Number }).IsUnique();
    }
}
