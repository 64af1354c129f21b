using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Notifications.Data.Configurations;

internal sealed class NotificationAttachmentConfiguration : IEntityTypeConfiguration<NotificationAttachment>
{
    public void Configure(EntityTypeBuilder<NotificationAttachment> builder)
    {
        builder.ToTable("notifications_attachment");
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.HasIndex(a => a.NotificationId);
        builder.HasIndex(a => a.OutboxMessageId);
        builder.HasOne<Notification>().WithMany(n => n.Attachments).HasForeignKey(a => a.NotificationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(a => a.Message).WithMany().HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
