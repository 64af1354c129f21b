using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Quizzes.Data.Configurations;

internal sealed class QuizConfiguration : IEntityTypeConfiguration<Quiz>
{
    public void Configure(EntityTypeBuilder<Quiz> builder)
    {
        builder.ToTable("quizzes_quiz");
        builder.Property(q => q.Key).HasMaxLength(100);
        builder.Property(q => q.Title).HasMaxLength(300);
        builder.Property(q => q.Intro).HasMaxLength(20000);
        builder.Property(q => q.CourseSlug).HasMaxLength(100);
        builder.Property(q => q.GradingMethod).HasConversion<string>().HasMaxLength(20);
        builder.Property(q => q.PassPercent).HasPrecision(5, 2);
        builder.Property(q => q.Password).HasMaxLength(Services.QuizPassword.MaxLength);
        builder.Property(q => q.OverallFeedback).HasMaxLength(Services.OverallFeedback.MaxStoredLength);
        builder.HasIndex(q => q.Key).IsUnique();
        builder.HasMany(q => q.Slots).WithOne().HasForeignKey(s => s.QuizId).OnDelete(DeleteBehavior.Cascade);
    }
}
