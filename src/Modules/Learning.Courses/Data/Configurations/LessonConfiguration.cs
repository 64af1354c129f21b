using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Courses.Data.Configurations;

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> builder)
    {
        builder.ToTable("courses_lesson");
        builder.Property(l => l.Key).HasMaxLength(100);
        builder.Property(l => l.Title).HasMaxLength(300);
        builder.Property(l => l.Kind).HasMaxLength(20);
        builder.Property(l => l.Url).HasMaxLength(2000);
        builder.Property(l => l.FileName).HasMaxLength(200);
        builder.Property(l => l.FileDisplayName).HasMaxLength(200);
        builder.Property(l => l.Reference).HasMaxLength(200);
        builder.Property(l => l.PrerequisiteLessonKey).HasMaxLength(100);
        builder.HasIndex(l => new { l.CourseId, l.Key }).IsUnique();
    }
}
