namespace Learning.Notifications;

/// <summary>Marker for this module's resources.</summary>
public sealed class NotificationsStrings;
