using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Courses.Data.Configurations;

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> builder)
    {
        builder.ToTable("courses_enrollment");
        builder.Property(e => e.UserId).HasMaxLength(64);
        builder.Property(e => e.LastLessonKey).HasMaxLength(100);
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(e => new { e.UserId, e.CourseId }).IsUnique();
        builder.HasIndex(e => e.CourseId);
        builder.HasIndex(e => e.AssignmentId);
        builder.HasIndex(e => e.DueUtc); // the reminder job reads by due-date window
    }
}
