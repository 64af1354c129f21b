using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Notifications.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications_notification");
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Type).HasMaxLength(100);
        builder.Property(n => n.Link).HasMaxLength(1000);
        builder.Property(n => n.GroupKey).HasMaxLength(200);
        builder.HasIndex(n => new { n.UserId, n.CreatedUtc });
        builder.HasIndex(n => new { n.Email, n.EmailDueUtc });
        builder.HasIndex(n => n.CreatedUtc);
    }
}
