namespace Learning.Reports.Data;

/// <summary>
/// A completion report view kept as it was computed (ADR-031): the groups and the weekly line of one scope and one unfiltered
/// view (a course, a path, a unit broken down), for the views too large to count on every visit (the whole country, a
/// province, every course). Served while younger than <c>Learning:Reports:Snapshots:Minutes</c>, refreshed by a recurring job,
/// recomputed at once on request; a filtered view is always counted live.
/// </summary>
public sealed class ReportSnapshot
{
    public int Id { get; set; }

    /// <summary>The scope and the view: <c>{Scope}|{Query}</c>, unique.</summary>
    public string Key { get; set; } = "";

    /// <summary>The scope the numbers were counted in: <c>*</c> (everything) or its org paths, comma-separated.</summary>
    public string Scope { get; set; } = "";

    /// <summary><c>ReportFilter.ToQueryString()</c> of the view (course, path, unit broken down; never another filter).</summary>
    public string Query { get; set; } = "";

    /// <summary>The groups and the weekly line as JSON.</summary>
    public string Payload { get; set; } = "";

    public DateTime ComputedUtc { get; set; }

    /// <summary>How long counting it took, in milliseconds.</summary>
    public int ComputeMilliseconds { get; set; }

    /// <summary>When a manager last opened it (updated at most hourly); one nobody opened for a week is dropped.</summary>
    public DateTime LastViewedUtc { get; set; }
}
