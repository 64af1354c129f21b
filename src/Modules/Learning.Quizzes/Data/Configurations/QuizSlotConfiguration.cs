using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Quizzes.Data.Configurations;

internal sealed class QuizSlotConfiguration : IEntityTypeConfiguration<QuizSlot>
{
    public void Configure(EntityTypeBuilder<QuizSlot> builder)
    {
        builder.ToTable("quizzes_slot");
        builder.Property(s => s.Mark).HasPrecision(9, 3);
        builder.HasIndex(s => new { s.QuizId, s.Position });
        builder.HasOne<Question>().WithMany().HasForeignKey(s => s.QuestionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<QuestionCategory>().WithMany().HasForeignKey(s => s.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
