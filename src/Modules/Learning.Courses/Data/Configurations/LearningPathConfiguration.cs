using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Courses.Data.Configurations;

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
