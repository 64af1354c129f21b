using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Notifications.Data.Configurations;

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("notifications_preference");
        builder.HasKey(p => new { p.UserId, p.Category });
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Category).HasMaxLength(50);
    }
}
