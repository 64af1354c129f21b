namespace Learning.Reports.Data;

/// <summary>
/// One learning event as an xAPI statement, stored in the transaction of the work it describes. <see cref="Id"/> orders the
/// stream for paging; the JSON is rendered from these columns (with the site's public address) when it is read.
/// </summary>
public sealed class XapiStatement
{
    public long Id { get; set; }

    public Guid StatementId { get; set; }

    public DateTime StoredUtc { get; set; }

    public DateTime TimestampUtc { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>A <see cref="Learning.Modularity.LearningVerbs"/> code.</summary>
    public string Verb { get; set; } = "";

    /// <summary>A <see cref="Learning.Modularity.LearningActivityTypes"/> code.</summary>
    public string ActivityType { get; set; } = "";

    /// <summary>The activity under its type: the activity id is <c>{base}/xapi/activities/{type}/{key}</c>.</summary>
    public string ActivityKey { get; set; } = "";

    public string ActivityName { get; set; } = "";

    public int? CourseId { get; set; }

    /// <summary>The actor's organisation path when the event happened (empty for an account with no cadre).</summary>
    public string OrgPath { get; set; } = "";

    public string? UnitName { get; set; }

    public decimal? ScoreRaw { get; set; }

    public decimal? ScoreMin { get; set; }

    public decimal? ScoreMax { get; set; }

    public bool? Success { get; set; }

    public bool? Completion { get; set; }

    public long? DurationMs { get; set; }

    public string? Detail { get; set; }
}
