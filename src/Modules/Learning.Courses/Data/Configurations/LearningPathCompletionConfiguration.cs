using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Courses.Data.Configurations;

internal sealed class LearningPathCompletionConfiguration : IEntityTypeConfiguration<LearningPathCompletion>
{
    public void Configure(EntityTypeBuilder<LearningPathCompletion> builder)
    {
        builder.ToTable("courses_path_completion");
        builder.Property(c => c.UserId).HasMaxLength(64);
        builder.HasIndex(c => new { c.PathId, c.UserId }).IsUnique();
    }
}
