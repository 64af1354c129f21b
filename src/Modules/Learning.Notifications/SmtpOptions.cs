using System.ComponentModel.DataAnnotations;
using Learning.Notifications.Services.Mail;
using MimeKit;

namespace Learning.Notifications;

/// <summary>
/// <c>Learning:Notifications:Smtp</c>: the mail server. With no <see cref="Host"/> nothing is sent over the network: each message
/// is written as an <c>.eml</c> file to <see cref="NotificationsOptions.PickupDirectory"/>.
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Learning:Notifications:Smtp";

    /// <summary>The server's name or address; empty for the pickup directory.</summary>
    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Empty: no authentication.</summary>
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string FromAddress { get; set; } = "no-reply@localhost";

    public string FromName { get; set; } = "Học tập cán bộ";

    /// <summary>Messages sent over one connection before it is closed and a new one opened (servers limit it).</summary>
    [Range(1, 100_000)]
    public int MessagesPerConnection { get; set; } = 100;

    /// <summary>
    /// Connections a sending run keeps open at once, each with its own claims (mail servers take a few per client; one
    /// connection waits for the server's answer to every command of every message).
    /// </summary>
    [Range(1, 16)]
    public int Connections { get; set; } = 2;

    /// <summary>At most this many messages a minute from each sending run (shared by its connections); 0 for no limit.</summary>
    [Range(0, 1_000_000)]
    public int PerMinute { get; set; }

    /// <summary>How long one SMTP command (connect, a message) may take.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(FromAddress, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return new ValidationResult($"'{FromAddress}' is not an e-mail address.", [nameof(FromAddress)]);
        }

        if (Host.Length > 0 && UserName.Length == 0 && Password.Length > 0)
        {
            yield return new ValidationResult("a password without a user name.", [nameof(UserName)]);
        }
    }
}
