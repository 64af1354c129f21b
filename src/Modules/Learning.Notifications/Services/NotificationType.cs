namespace Learning.Notifications.Services;

/// <summary>
/// What the platform knows of a notification type: its preference category, whether it is essential (sent at once, cannot be
/// turned off: invitation, password reset) and whether it shows in the in-app list (a password-reset link does not).
/// </summary>
public sealed record NotificationType(string Type, string Category, bool Essential, bool InApp);
