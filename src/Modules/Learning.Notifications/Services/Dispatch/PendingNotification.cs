namespace Learning.Notifications.Services.Dispatch;

/// <summary>What the dispatcher and the digest read of a notification waiting for e-mail.</summary>
internal sealed record PendingNotification(long Id, string UserId, string Type, string ModelJson, string? Link, string? GroupKey, DateTime CreatedUtc);
