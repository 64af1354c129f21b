using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Quizzes.Data.Configurations;

internal sealed class AttemptConfiguration : IEntityTypeConfiguration<Attempt>
{
    public void Configure(EntityTypeBuilder<Attempt> builder)
    {
        builder.ToTable("quizzes_attempt");
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.SubmittedBy).HasMaxLength(450);
        builder.Property(a => a.LessonKey).HasMaxLength(100);
        builder.Property(a => a.CourseSlug).HasMaxLength(100);
        builder.Property(a => a.Flagged).HasMaxLength(Services.AttemptFlags.MaxLength);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Score).HasPrecision(9, 3);
        builder.Property(a => a.MaxScore).HasPrecision(9, 3);
        builder.HasIndex(a => a.PublicId).IsUnique();

        // The attempts whose questions are still only drawn (started, not yet saved): what a question's "is it used" looks through.
        builder.HasIndex([nameof(Attempt.Id)], "IX_quizzes_attempt_Drawn").HasFilter("\"Drawn\" IS NOT NULL");

        // An attempt drawn ahead of the opening is nobody's attempt yet: not in a cadre's list, the results, the grades or the
        // reports. Only the start that claims it, the drawing and the clean-up look past this (IgnoreQueryFilters).
        builder.HasQueryFilter(a => a.State != AttemptState.NotStarted);

        // One row per attempt number: two "start" requests racing for the same number cannot both win.
        builder.HasIndex(a => new { a.QuizId, a.UserId, a.Number }).IsUnique();
        builder.HasIndex(a => new { a.State, a.DeadlineUtc });
        builder.HasIndex(a => new { a.UserId, a.CourseId }).IncludeProperties(a => new { a.Score, a.MaxScore, a.State }); // a report's best score per enrolment
        builder.HasOne<Quiz>().WithMany().HasForeignKey(a => a.QuizId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.AttemptId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Questions).WithOne().HasForeignKey(q => q.AttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}
