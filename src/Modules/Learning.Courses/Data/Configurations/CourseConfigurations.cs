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

internal sealed class CourseVersionConfiguration : IEntityTypeConfiguration<CourseVersion>
{
    public void Configure(EntityTypeBuilder<CourseVersion> builder)
    {
        builder.ToTable("courses_version");
        builder.Property(v => v.PublishedBy).HasMaxLength(256);
        builder.HasIndex(v => new { v.CourseId, v.Number }).IsUnique();
    }
}

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
    }
}

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

internal sealed class LearningPathConfiguration : IEntityTypeConfiguration<LearningPath>
{
    public void Configure(EntityTypeBuilder<LearningPath> builder)
    {
        builder.ToTable("courses_path");
        builder.Property(p => p.Slug).HasMaxLength(100);
        builder.Property(p => p.Title).HasMaxLength(300);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.HasMany(p => p.Courses).WithOne().HasForeignKey(c => c.PathId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LearningPathCourseConfiguration : IEntityTypeConfiguration<LearningPathCourse>
{
    public void Configure(EntityTypeBuilder<LearningPathCourse> builder)
    {
        builder.ToTable("courses_path_course");
        builder.HasIndex(c => new { c.PathId, c.CourseId }).IsUnique();
    }
}

internal sealed class LearningPathCompletionConfiguration : IEntityTypeConfiguration<LearningPathCompletion>
{
    public void Configure(EntityTypeBuilder<LearningPathCompletion> builder)
    {
        builder.ToTable("courses_path_completion");
        builder.Property(c => c.UserId).HasMaxLength(64);
        builder.HasIndex(c => new { c.PathId, c.UserId }).IsUnique();
    }
}

internal sealed class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    public void Configure(EntityTypeBuilder<SearchDocument> builder)
    {
        builder.ToTable("courses_search_document");
        builder.Property(d => d.LessonKey).HasMaxLength(100);
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.HasIndex(d => d.CourseId);
    }
}
