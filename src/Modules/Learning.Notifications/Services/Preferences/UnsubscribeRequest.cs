namespace Learning.Notifications.Services.Preferences;

/// <summary>What a valid unsubscribe token says: whose mail, and which categories to turn off.</summary>
public sealed record UnsubscribeRequest(string UserId, IReadOnlyList<string> Categories);
