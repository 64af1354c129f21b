using System.ComponentModel.DataAnnotations;

namespace Learning.Reports.Services.Xapi;

/// <summary>The data interface for the warehouse: <c>Learning:Reports:Api</c>.</summary>
public sealed class ReportsApiOptions
{
    public const string Section = "Learning:Reports:Api";

    /// <summary>Requests per minute for one API client unless an administrator set the client's own (all nodes count alone: a
    /// cluster of N nodes allows up to N times this).</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// How long after it is stored a statement is served: a transaction that started earlier but commits later can still add a
    /// row with a smaller id, so paging stops this far behind "now" and never skips one (X-Experience-API-Consistent-Through).
    /// </summary>
    [Range(0, 3600)]
    public int SettleSeconds { get; set; } = 5;

    /// <summary>Days a request made with a key stays in its client's log (the audit of use); older ones are deleted nightly.</summary>
    [Range(1, 3650)]
    public int LogDays { get; set; } = 90;
}
