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

    /// <summary>
    /// Where messages go as <c>.eml</c> files while <c>Smtp:Host</c> is empty (a fresh <c>dotnet run</c> needs no mail server);
    /// relative to the content root. Default: App_Data/mail.
    /// </summary>
    [Required]
    public string PickupDirectory { get; set; } = Path.Combine("App_Data", "mail");

    /// <summary>
    /// <c>Smtp</c> and <c>Outbox</c> are sections of their own (<see cref="SmtpOptions"/>, <see cref="OutboxOptions"/>), bound
    /// and validated there; named here only so that this section's check of unknown keys knows them.
    /// </summary>
    public SmtpOptions Smtp { get; } = new();

    /// <inheritdoc cref="Smtp"/>
    public OutboxOptions Outbox { get; } = new();
}
