using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Quizzes.Data.Configurations;

internal sealed class AttemptQuestionConfiguration : IEntityTypeConfiguration<AttemptQuestion>
{
    public void Configure(EntityTypeBuilder<AttemptQuestion> builder)
    {
        builder.ToTable("quizzes_attempt_question");
        builder.Property(q => q.OptionOrder).HasMaxLength(2000);
        builder.Property(q => q.Response).HasMaxLength(20000);
        builder.Property(q => q.Mark).HasPrecision(9, 3);
        builder.Property(q => q.Fraction).HasPrecision(9, 6);
        builder.Property(q => q.GraderComment).HasMaxLength(4000);
        builder.Property(q => q.GradedBy).HasMaxLength(450);
        builder.HasIndex(q => new { q.AttemptId, q.Slot }).IsUnique();
        builder.HasIndex(q => q.QuestionVersionId);
        builder.HasOne<QuestionVersion>().WithMany().HasForeignKey(q => q.QuestionVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
