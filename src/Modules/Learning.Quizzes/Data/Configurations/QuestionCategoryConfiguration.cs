using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Quizzes.Data.Configurations;

internal sealed class QuestionCategoryConfiguration : IEntityTypeConfiguration<QuestionCategory>
{
    public void Configure(EntityTypeBuilder<QuestionCategory> builder)
    {
        builder.ToTable("quizzes_category");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Info).HasMaxLength(2000);
        builder.Property(c => c.CourseSlug).HasMaxLength(100);
        builder.HasOne<QuestionCategory>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.CourseSlug, c.ParentId, c.Name });
    }
}
