using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Quizzes.Data.Configurations;

internal sealed class QuizOverrideConfiguration : IEntityTypeConfiguration<QuizOverride>
{
    public void Configure(EntityTypeBuilder<QuizOverride> builder)
    {
        builder.ToTable("quizzes_override");
        builder.Property(o => o.UserId).HasMaxLength(450);
        builder.Property(o => o.CreatedBy).HasMaxLength(450);
        builder.Property(o => o.TimeMultiplier).HasPrecision(5, 2);
        builder.HasIndex(o => new { o.QuizId, o.UserId });
        builder.Property(o => o.UnitPath).HasMaxLength(400);
        builder.HasOne<Quiz>().WithMany().HasForeignKey(o => o.QuizId).OnDelete(DeleteBehavior.Cascade);
    }
}
