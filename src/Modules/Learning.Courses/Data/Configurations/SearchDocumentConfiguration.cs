using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Courses.Data.Configurations;

internal sealed class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    public void Configure(EntityTypeBuilder<SearchDocument> builder)
    {
        builder.ToTable("courses_search_document");
        builder.Property(d => d.LessonKey).HasMaxLength(100);
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.HasIndex(d => d.CourseId);
    }
}
