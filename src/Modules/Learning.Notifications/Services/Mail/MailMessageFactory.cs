using System.Text;
using Learning.Notifications.Data;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Learning.Notifications.Services.Mail;

/// <summary>
/// Turns an outbox row into the MIME message that goes out: UTF-8 subject and display names (every Vietnamese mark kept),
/// a text part with an HTML alternative, the attachments, and headers that stay the same on every attempt — the
/// <c>Message-ID</c> is the row's, the <c>Date</c> its creation — so a receiver can tell a repeated delivery from a new message.
/// </summary>
public sealed class MailMessageFactory(IOptions<SmtpOptions> options)
{
    /// <summary>The recipient as MimeKit reads it, or null when <paramref name="address"/> is not one mailbox with a domain.</summary>
    public static MailboxAddress? ParseRecipient(string name, string address)
    {
        if (string.IsNullOrWhiteSpace(address) || !MailboxAddress.TryParse(ParserOptions.Default, address.Trim(), out var parsed)
            || parsed.Address.IndexOf('@', StringComparison.Ordinal) is var at && (at <= 0 || at == parsed.Address.Length - 1))
        {
            return null;
        }

        return new MailboxAddress(Encoding.UTF8, name, parsed.Address);
    }

    /// <summary>Builds the message; the caller has checked the recipient (<see cref="ParseRecipient"/>).</summary>
    public MimeMessage Create(OutboxMessage message, IEnumerable<NotificationAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(attachments);
        var settings = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(Encoding.UTF8, settings.FromName, settings.FromAddress));
        mime.To.Add(ParseRecipient(message.ToName, message.ToAddress) ?? throw new ArgumentException($"Not an address: '{message.ToAddress}'.", nameof(message)));
        mime.Headers.Replace(HeaderId.Subject, Encoding.UTF8, message.Subject);
        mime.MessageId = message.MessageId;
        mime.Date = new DateTimeOffset(DateTime.SpecifyKind(message.CreatedUtc, DateTimeKind.Utc));

        // RFC 3834: automatic mail, so that out-of-office replies are not sent back to it.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        if (!string.IsNullOrEmpty(message.UnsubscribeUrl))
        {
            // RFC 8058 one-click unsubscribe: the receiver's client POSTs "List-Unsubscribe=One-Click" to the URL.
            mime.Headers.Add(HeaderId.ListUnsubscribe, $"<{message.UnsubscribeUrl}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        MimeEntity body = Text("plain", message.TextBody);
        if (!string.IsNullOrEmpty(message.HtmlBody))
        {
            body = new MultipartAlternative { body, Text("html", message.HtmlBody) };
        }

        var files = attachments.ToList();
        if (files.Count > 0)
        {
            var mixed = new Multipart("mixed") { body };
            foreach (var file in files)
            {
                var part = new MimePart(ContentType.TryParse(file.ContentType, out var type) ? type : new ContentType("application", "octet-stream"))
                {
                    Content = new MimeContent(new MemoryStream(file.Content, writable: false)),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                    ContentTransferEncoding = ContentEncoding.Base64,
                    FileName = file.FileName,
                };
                mixed.Add(part);
            }

            body = mixed;
        }

        mime.Body = body;
        return mime;
    }

    private static TextPart Text(string subtype, string text)
    {
        var part = new TextPart(subtype);
        part.SetText(Encoding.UTF8, text);
        return part;
    }
}
