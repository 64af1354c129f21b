namespace Learning.Modularity;

/// <summary>What a learner did, as the modules that saw it tell it (the Reports module turns it into an xAPI statement).</summary>
public static class LearningVerbs
{
    public const string Registered = "registered";
    public const string Launched = "launched";
    public const string Attempted = "attempted";
    public const string Completed = "completed";
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Experienced = "experienced";
    public const string Earned = "earned";
    public const string Progressed = "progressed";
}

/// <summary>What the learner acted on.</summary>
public static class LearningActivityTypes
{
    public const string Course = "course";
    public const string Lesson = "lesson";
    public const string Quiz = "quiz";
    public const string Video = "video";
    public const string Certificate = "certificate";
    public const string Readiness = "readiness";
}

/// <summary>
/// One learning event. <paramref name="ActivityKey"/> names the activity stably under its type (<c>12</c> for a course,
/// <c>12/l1</c> for a lesson of it, a quiz's key, a video's public id, a certificate's serial).
/// </summary>
public sealed record LearningEvent(string Verb, string UserId, string ActivityType, string ActivityKey, string ActivityName)
{
    public int? CourseId { get; init; }

    /// <summary>When it happened; now when null.</summary>
    public DateTime? TimestampUtc { get; init; }

    public decimal? ScoreRaw { get; init; }

    public decimal? ScoreMin { get; init; }

    public decimal? ScoreMax { get; init; }

    public bool? Success { get; init; }

    public bool? Completion { get; init; }

    public TimeSpan? Duration { get; init; }

    /// <summary>A short detail the statement carries as a result extension (a readiness state, a watched segment <c>0-35</c>).</summary>
    public string? Detail { get; init; }

    /// <summary>The actor's organisation path and unit when the caller already has them (a bulk enrolment); looked up otherwise.</summary>
    public string? ActorOrgPath { get; init; }

    public string? ActorUnitName { get; init; }
}

/// <summary>
/// Records learning events in the caller's unit of work: the event is added to the scoped <c>LearningDbContext</c>, so the
/// caller's own <c>SaveChanges</c> stores it in the same transaction (never lost, never kept for work that rolled back).
/// Call it before that <c>SaveChanges</c>. Without the Reports module it does nothing.
/// </summary>
public interface ILearningEvents
{
    Task RecordAsync(LearningEvent learningEvent, CancellationToken cancellationToken = default);

    /// <summary>Many at once (a batch of heartbeats, an assignment's enrolments): one look-up of the actors.</summary>
    Task RecordManyAsync(IReadOnlyList<LearningEvent> learningEvents, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the events now, in the transaction the caller has begun on the scoped context, as multi-row inserts without
    /// the change tracker: for a hot path that writes its own rows without <c>SaveChanges</c> (an exam's starts, stored in
    /// groups). Rolled back with the caller's work, as <see cref="RecordManyAsync"/>'s are.
    /// </summary>
    Task WriteManyAsync(IReadOnlyList<LearningEvent> learningEvents, CancellationToken cancellationToken = default);
}

/// <summary>The default when no module records events.</summary>
public sealed class NoLearningEvents : ILearningEvents
{
    public Task RecordAsync(LearningEvent learningEvent, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task RecordManyAsync(IReadOnlyList<LearningEvent> learningEvents, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task WriteManyAsync(IReadOnlyList<LearningEvent> learningEvents, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
