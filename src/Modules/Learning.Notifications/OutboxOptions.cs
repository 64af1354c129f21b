using System.ComponentModel.DataAnnotations;

namespace Learning.Notifications;

/// <summary><c>Learning:Notifications:Outbox</c>: how the sender takes, retries and gives up on messages (ADR-016).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Learning:Notifications:Outbox";

    /// <summary>Messages claimed at once by one worker.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Attempts before a message that keeps failing (server away, 4xx) becomes a dead letter.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failed attempt; each later one waits twice as long as the one before.</summary>
    [Range(1, 86_400)]
    public int BackoffBaseSeconds { get; set; } = 60;

    /// <summary>A message whose attachments together are larger is a dead letter (most servers refuse 10–25 MB).</summary>
    [Range(0, 200 * 1024 * 1024)]
    public int MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// How long a claim holds. A worker sends nothing it could not finish before its claim runs out; a worker that died frees its
    /// messages after this. At least the SMTP timeout plus 30 s.
    /// </summary>
    [Range(30, 86_400)]
    public int ClaimSeconds { get; set; } = 300;

    /// <summary>Sent messages, with their attachments, are deleted this many days after they went out; dead letters stay until resent.</summary>
    [Range(1, 3650)]
    public int KeepSentDays { get; set; } = 90;
}
