namespace Learning.Notifications.Services.Mail;

/// <summary>What one run of the sender did.</summary>
public sealed class DrainResult
{
    /// <summary>Accepted by the server (or written to the pickup directory).</summary>
    public int Sent { get; set; }

    /// <summary>Failed for now (server away, 4xx): pending again after the backoff.</summary>
    public int Retried { get; set; }

    /// <summary>Dead letters: 5xx, an invalid address, attachments over the limit, or too many attempts.</summary>
    public int Dead { get; set; }

    /// <summary>Claimed but not tried (the run stopped): handed back at once.</summary>
    public int Released { get; set; }

    public override string ToString() => $"sent {Sent}, retried {Retried}, dead {Dead}, released {Released}";
}
