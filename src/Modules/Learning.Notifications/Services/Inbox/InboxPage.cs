namespace Learning.Notifications.Services.Inbox;

/// <summary>A page of the person's notifications, newest first (<see cref="Page"/> counts from 1).</summary>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Page, bool HasMore, int Unread);
