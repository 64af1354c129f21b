using MimeKit;

namespace Learning.Notifications.Services.Mail;

/// <summary>One open way out for messages: an SMTP connection, or the pickup directory. Not thread-safe (one per worker).</summary>
public interface IMailConnection : IAsyncDisposable
{
    /// <summary>Returns once the server has accepted the message (or the file is in place); throws otherwise.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>False once the connection broke: the next message needs a new one.</summary>
    bool IsUsable { get; }
}
