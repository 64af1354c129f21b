namespace Learning.Media.Data;

/// <summary>What one learner watched of one video: merged intervals of unique seconds, and where to resume.</summary>
public sealed class WatchRecord
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public int VideoId { get; set; }

    /// <summary>Merged, sorted intervals in whole seconds: <c>0-35,60-90</c>.</summary>
    public string Intervals { get; set; } = "";

    public int WatchedSeconds { get; set; }

    public double PositionSeconds { get; set; }

    public DateTime? CompletedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>
    /// The watch budget's watermark: credited seconds may not exceed twice the wall-clock time since it. Each credited second moves
    /// it half a second on, and it never starts before the page that reports was opened, so time cannot be hoarded.
    /// </summary>
    public DateTime AllowanceFromUtc { get; set; }

    /// <summary>Optimistic concurrency: two tabs reporting at once both land, neither overwrites the other.</summary>
    public int Version { get; set; }
}
