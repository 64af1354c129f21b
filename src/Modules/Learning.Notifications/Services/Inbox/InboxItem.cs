namespace Learning.Notifications.Services.Inbox;

/// <summary>One line of the person's notification list.</summary>
public sealed record InboxItem(long Id, string Type, string Title, DateTime CreatedUtc, bool Read, bool HasLink);
