namespace Learning.Notifications.Data;

/// <summary>
/// One e-mail, rendered, waiting to be sent or sent. Marked <see cref="OutboxState.Sent"/> only after the SMTP server accepted
/// it; <see cref="MessageId"/> is the <c>Message-ID</c> header, the same on every attempt, so a receiver can drop the one
/// duplicate a crash between acceptance and marking can cause (ADR-016).
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The <c>Message-ID</c> (without angle brackets), unique.</summary>
    public string MessageId { get; set; } = "";

    public string? UserId { get; set; }

    public string ToAddress { get; set; } = "";

    public string ToName { get; set; } = "";

    /// <summary>The notification type (or the digest's) it was rendered from.</summary>
    public string Type { get; set; } = "";

    public string Culture { get; set; } = "vi";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string? HtmlBody { get; set; }

    /// <summary>The signed one-click unsubscribe address (RFC 8058), for non-essential messages.</summary>
    public string? UnsubscribeUrl { get; set; }

    public OutboxState State { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptUtc { get; set; }

    /// <summary>The worker holding the message while it sends it, until <see cref="ClaimedUntilUtc"/>.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntilUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? SentUtc { get; set; }

    /// <summary>The last failure, in the server's words.</summary>
    public string? LastError { get; set; }
}
