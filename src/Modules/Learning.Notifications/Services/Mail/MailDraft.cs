namespace Learning.Notifications.Services.Mail;

/// <summary>A rendered e-mail to write to the outbox (<see cref="Outbox.Add"/>).</summary>
public sealed record MailDraft(string ToAddress, string ToName, string Type, string Culture, string Subject, string TextBody, string? HtmlBody)
{
    public string? UserId { get; init; }

    /// <summary>The signed one-click unsubscribe address; the sender adds the RFC 8058 headers when it is set.</summary>
    public string? UnsubscribeUrl { get; init; }

    public IReadOnlyList<NoticeAttachment> Attachments { get; init; } = [];
}
