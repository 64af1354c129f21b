namespace Learning.Quizzes.Services;

/// <summary>The kinds of line in an attempt's log (shown through Attempt.Event.* resources).</summary>
public static class AttemptEvents
{
    public const string Started = "Started";
    public const string Saved = "Saved";
    public const string PageChanged = "PageChanged";
    public const string Flagged = "Flagged";
    public const string Submitted = "Submitted";
    public const string TimedOut = "TimedOut";
    public const string Reopened = "Reopened";
    public const string Regraded = "Regraded";
    public const string Graded = "Graded";
    public const string Retimed = "Retimed";
}
