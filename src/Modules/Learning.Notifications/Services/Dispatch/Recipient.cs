namespace Learning.Notifications.Services.Dispatch;

/// <summary>Who a message goes to: the account's address (null: none), display name and culture ("vi" unless they chose).</summary>
public sealed record Recipient(string Id, string? Email, string Name, string Culture);
