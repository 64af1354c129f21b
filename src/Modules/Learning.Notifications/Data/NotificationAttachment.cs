namespace Learning.Notifications.Data;

/// <summary>A file of a notification, then of the message it went out in.</summary>
public sealed class NotificationAttachment
{
    public long Id { get; set; }

    public long? NotificationId { get; set; }

    public long? OutboxMessageId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "application/octet-stream";

    public byte[] Content { get; set; } = [];

    public OutboxMessage? Message { get; set; }
}
