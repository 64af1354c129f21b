namespace Learning.Reports.Data;

/// <summary>
/// How far the statements have been forwarded to the external LRS (one row). The statements table is the outbox: a statement
/// is written in the transaction of the event it describes, and this cursor moves past it only after the LRS accepted it.
/// </summary>
public sealed class XapiForwardCursor
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    /// <summary>The largest statement row id the LRS has accepted (every smaller one settled and was sent before it).</summary>
    public long LastStatementId { get; set; }

    public long Forwarded { get; set; }

    public DateTime? LastSuccessUtc { get; set; }

    public DateTime? LastFailureUtc { get; set; }

    /// <summary>Why the last attempt failed (the LRS's status and answer, or the connection error); null after a success.</summary>
    public string? LastError { get; set; }
}
