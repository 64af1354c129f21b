namespace Learning.Notifications.Data;

/// <summary>A user's choice for one category; without a row the category's default applies.</summary>
public sealed class NotificationPreference
{
    public string UserId { get; set; } = "";

    public string Category { get; set; } = "";

    public Cadence Cadence { get; set; }
}
