using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Notifications.Data.Configurations;

internal sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> builder)
    {
        builder.ToTable("notifications_template");
        builder.Property(t => t.Type).HasMaxLength(100);
        builder.Property(t => t.Culture).HasMaxLength(10);
        builder.Property(t => t.Subject).HasMaxLength(500);
        builder.Property(t => t.UpdatedBy).HasMaxLength(450);
        builder.HasIndex(t => new { t.Type, t.Culture }).IsUnique();
    }
}
