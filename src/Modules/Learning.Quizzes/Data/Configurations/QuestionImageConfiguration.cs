using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Quizzes.Data.Configurations;

internal sealed class QuestionImageConfiguration : IEntityTypeConfiguration<QuestionImage>
{
    public void Configure(EntityTypeBuilder<QuestionImage> builder)
    {
        builder.ToTable("quizzes_question_image");
        builder.Property(i => i.FileName).HasMaxLength(255);
        builder.Property(i => i.ContentType).HasMaxLength(40);
        builder.Property(i => i.Sha256).HasMaxLength(64);
        builder.HasIndex(i => i.PublicId).IsUnique();
        builder.HasIndex(i => i.Sha256).IsUnique();
    }
}
