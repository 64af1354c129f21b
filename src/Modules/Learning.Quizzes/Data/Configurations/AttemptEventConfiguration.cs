using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Quizzes.Data.Configurations;

internal sealed class AttemptEventConfiguration : IEntityTypeConfiguration<AttemptEvent>
{
    public void Configure(EntityTypeBuilder<AttemptEvent> builder)
    {
        builder.ToTable("quizzes_attempt_event");
        builder.Property(e => e.Kind).HasMaxLength(40);
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.HasIndex(e => e.AttemptId);
    }
}
