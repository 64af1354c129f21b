namespace Learning.Notifications.Data;

/// <summary>
/// One notification for one user: the item in their in-app list (when its type shows there) and the source of its e-mail.
/// Written by <see cref="INotifier"/> in the caller's transaction; the dispatcher decides, at <see cref="EmailDueUtc"/>, by
/// the user's preference for the type's category, whether it becomes an e-mail now, joins a digest, or is not e-mailed.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>One of <see cref="NoticeTypes"/>.</summary>
    public string Type { get; set; } = "";

    /// <summary>The template model, JSON with snake_case names.</summary>
    public string ModelJson { get; set; } = "{}";

    public string? Link { get; set; }

    public string? GroupKey { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? ReadUtc { get; set; }

    public EmailDelivery Email { get; set; }

    /// <summary>When the dispatcher looks at it (creation + the hold, or at once for essential types).</summary>
    public DateTime EmailDueUtc { get; set; }

    /// <summary>The message it went out in (alone, with its group, or in a digest).</summary>
    public long? OutboxMessageId { get; set; }

    public List<NotificationAttachment> Attachments { get; set; } = [];
}
