using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Quizzes.Data.Configurations;

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.ToTable("quizzes_question");
        builder.Property(q => q.Key).HasMaxLength(100);
        builder.Property(q => q.Name).HasMaxLength(300);
        builder.Property(q => q.Type).HasMaxLength(20);
        builder.Property(q => q.SearchText).HasMaxLength(2000);
        builder.HasIndex(q => q.Key).IsUnique();
        builder.HasIndex(q => new { q.CategoryId, q.Archived });
        builder.HasOne<QuestionCategory>().WithMany().HasForeignKey(q => q.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
