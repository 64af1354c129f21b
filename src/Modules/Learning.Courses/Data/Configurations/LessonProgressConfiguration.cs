using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Courses.Data.Configurations;

internal sealed class LessonProgressConfiguration : IEntityTypeConfiguration<LessonProgress>
{
    public void Configure(EntityTypeBuilder<LessonProgress> builder)
    {
        builder.ToTable("courses_lesson_progress");
        builder.Property(p => p.UserId).HasMaxLength(64);
        builder.Property(p => p.LessonKey).HasMaxLength(100);
        builder.Property(p => p.CompletedBy).HasMaxLength(50);
        builder.HasIndex(p => new { p.UserId, p.CourseId, p.LessonKey }).IsUnique();
    }
}
