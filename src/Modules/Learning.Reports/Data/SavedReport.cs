namespace Learning.Reports.Data;

/// <summary>A report a manager saved to open again (and, with exports, to subscribe to): its kind and its filter's query string.
/// Only its owner sees it.</summary>
public sealed class SavedReport
{
    public int Id { get; set; }

    public string OwnerUserId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary><see cref="SavedReportKinds"/>.</summary>
    public string Kind { get; set; } = SavedReportKinds.Completion;

    /// <summary><c>ReportFilter.ToQueryString()</c> (for training hours: <c>year=2026&amp;under=/1/7/</c>).</summary>
    public string Query { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}
