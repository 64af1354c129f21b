using System.Text.Json;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Learning.Notifications.Services;

/// <summary>
/// <see cref="INotifier"/>: adds the notification (and, once per unit of work, a dispatch job due when it is) to the caller's
/// context; the caller's <c>SaveChanges</c> writes them in its transaction.
/// </summary>
internal sealed class Notifier(LearningDbContext db, TimeProvider clock, IOptions<NotificationsOptions> options) : INotifier
{
    private static readonly JsonSerializerOptions ModelJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly BulkColumn<Notification>[] Columns =
    [
        new(nameof(Notification.UserId), n => n.UserId), new(nameof(Notification.Type), n => n.Type),
        new(nameof(Notification.ModelJson), n => n.ModelJson), new(nameof(Notification.Link), n => n.Link),
        new(nameof(Notification.GroupKey), n => n.GroupKey), new(nameof(Notification.CreatedUtc), n => n.CreatedUtc),
        new(nameof(Notification.Email), n => n.Email), new(nameof(Notification.EmailDueUtc), n => n.EmailDueUtc),
    ];

    /// <summary>The dispatch job of this unit of work, due with its earliest notification.</summary>
    private readonly UnitOfWorkJob dispatch = new(DispatchJobKind);

    public void Notify(Notice notice)
    {
        var notification = Row(notice, clock.GetUtcNow().UtcDateTime);
        foreach (var attachment in notice.Attachments)
        {
            notification.Attachments.Add(new NotificationAttachment { FileName = attachment.FileName, ContentType = attachment.ContentType, Content = attachment.Content });
        }

        db.Add(notification);
        dispatch.Ensure(db, notification.EmailDueUtc, notification.CreatedUtc);
    }

    public async Task NotifyManyAsync(IReadOnlyList<Notice> notices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notices);
        if (notices.Count == 0)
        {
            return;
        }

        if (notices.Any(n => n.Attachments.Count > 0))
        {
            throw new ArgumentException("Notices with attachments go through Notify.", nameof(notices));
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("NotifyManyAsync writes in the caller's transaction: begin one first.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var rows = notices.Select(n => Row(n, now)).ToList();
        // 1,000 rows per statement keeps the parameter count (8 per row) under both providers' limits.
        await BulkInsert.RowsAsync(db, rows, Columns, 1000, cancellationToken);
        dispatch.Ensure(db, rows.Min(r => r.EmailDueUtc), now);
    }

    private Notification Row(Notice notice, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var type = NotificationTypeCatalog.Find(notice.Type) ?? throw new ArgumentException($"Unknown notification type '{notice.Type}'.", nameof(notice));
        return new Notification
        {
            UserId = notice.UserId,
            Type = notice.Type,
            ModelJson = JsonSerializer.Serialize(notice.Model, ModelJson),
            Link = notice.Link,
            GroupKey = notice.GroupKey,
            CreatedUtc = now,
            Email = EmailDelivery.Held,
            EmailDueUtc = type.Essential ? now : now.AddSeconds(options.Value.HoldSeconds),
        };
    }

    /// <summary>The job that turns due notifications into e-mails (registered by the dispatcher).</summary>
    public const string DispatchJobKind = "notifications.dispatch";
}
