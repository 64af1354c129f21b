namespace Learning.Notifications.Data;

/// <summary>Where a notification stands on its way to the user's mailbox.</summary>
public enum EmailDelivery
{
    /// <summary>Waiting for <see cref="Notification.EmailDueUtc"/> (the hold).</summary>
    Held = 0,

    /// <summary>Written to the outbox (<see cref="Notification.OutboxMessageId"/>).</summary>
    Queued = 1,

    /// <summary>Waiting for the user's daily or weekly digest.</summary>
    Digest = 2,

    /// <summary>Not e-mailed (the user turned the category off, or has no address); it stays in the in-app list.</summary>
    Skipped = 3,
}
