using System.Diagnostics.CodeAnalysis;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Learning.Notifications.Services.Mail;

/// <summary>
/// Opens connections to where mail goes: the SMTP server of <c>Learning:Notifications:Smtp</c>, or, while its host is empty, the
/// pickup directory (each message an <c>.eml</c> file, so a fresh site needs no mail server).
/// </summary>
public sealed class MailTransport(IOptions<SmtpOptions> smtp, IOptions<NotificationsOptions> notifications, IHostEnvironment environment)
{
    public bool UsesSmtp => smtp.Value.Host.Length > 0;

    /// <summary>The pickup directory, absolute.</summary>
    public string PickupDirectory => Path.GetFullPath(notifications.Value.PickupDirectory, environment.ContentRootPath);

    public async Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (!UsesSmtp)
        {
            Directory.CreateDirectory(PickupDirectory);
            return new PickupConnection(PickupDirectory);
        }

        var client = await ConnectSmtpAsync(smtp.Value, TimeSpan.FromSeconds(smtp.Value.TimeoutSeconds), authenticate: true, cancellationToken);
        return new SmtpConnection(client);
    }

    /// <summary>A connected (and, when configured and <paramref name="authenticate"/>, authenticated) client; EHLO is part of connecting.</summary>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "Returned to the caller, or disposed on failure.")]
    internal static async Task<SmtpClient> ConnectSmtpAsync(SmtpOptions settings, TimeSpan timeout, bool authenticate, CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            var security = settings.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.Auto,
            };
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            await client.ConnectAsync(settings.Host, settings.Port, security, limit.Token);
            if (authenticate && settings.UserName.Length > 0)
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password, limit.Token);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class SmtpConnection(SmtpClient client) : IMailConnection
    {
        public bool IsUsable => client.IsConnected;

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken) => client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(true, quit.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SmtpProtocolException or SmtpCommandException or System.Net.Sockets.SocketException)
            {
                // QUIT is a courtesy: every message was already accepted or not.
            }
            finally
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// Writes the message whole to a temporary file, then renames it into place: a reader of the folder never sees half a message.
    /// The name comes from the Message-ID, so a message written again (the crash window of ADR-016) replaces itself.
    /// </summary>
    private sealed class PickupConnection(string directory) : IMailConnection
    {
        public bool IsUsable => true;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_'));
            var temporary = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
            try
            {
                await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
                {
                    await message.WriteToAsync(file, cancellationToken);
                    await file.FlushAsync(cancellationToken);
                    file.Flush(flushToDisk: true);
                }

                File.Move(temporary, Path.Combine(directory, name + ".eml"), overwrite: true);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
