namespace Learning.Reports.Data;

/// <summary>
/// A person's standing order for one of their saved reports, by e-mail with the XLSX attached, rendered as they see it when it is
/// sent (their scope then, not when they subscribed). <see cref="LastSentPeriod"/> ("2026-W49", "2026-12") is the period already
/// served, sent or skipped as empty: the delivery takes a period by a compare-and-set on it, so a period is served once even when
/// the job runs twice or on two nodes at once.
/// </summary>
public sealed class ReportSubscription
{
    public int Id { get; set; }

    public int SavedReportId { get; set; }

    /// <summary>The subscriber, who is also the recipient.</summary>
    public string OwnerId { get; set; } = "";

    public ReportCadence Cadence { get; set; }

    public bool SkipWhenEmpty { get; set; }

    public string? LastSentPeriod { get; set; }

    public DateTime? LastSentUtc { get; set; }

    /// <summary>How many rows the last period's report held (0 when it was skipped as empty).</summary>
    public int? LastRowCount { get; set; }

    public bool Active { get; set; } = true;

    public DateTime CreatedUtc { get; set; }
}
