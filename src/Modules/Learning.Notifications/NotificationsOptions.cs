using System.ComponentModel.DataAnnotations;

namespace Learning.Notifications;

/// <summary><c>Learning:Notifications</c>.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Learning:Notifications";

    /// <summary>
    /// How long a non-essential notification waits before it is e-mailed, so that a burst of changes with the same group key
    /// becomes one message (Canvas holds similarly).
    /// </summary>
    [Range(0, 3600)]
    public int HoldSeconds { get; set; } = 120;

    /// <summary>In-app notifications older than this are deleted.</summary>
    [Range(1, 3650)]
    public int KeepDays { get; set; } = 90;

    /// <summary>The site's public address, for links in e-mails (<c>https://hoctap.khanhhoa.gov.vn</c>).</summary>
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";
}
