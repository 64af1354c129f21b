using Learning.Data;

namespace Learning.Quizzes.Data;

/// <summary>
/// The columns the exam's hot paths write with <see cref="StoreCommand"/> instead of the change tracker (ADR-028, ADR-033):
/// a new attempt (every property but its generated id), its log rows, its question rows. A test holds <see cref="Attempt"/>'s
/// list to the model, so a property added to the entity is not silently left at its default by a start.
/// </summary>
public static class AttemptColumns
{
    public static readonly BulkColumn<Attempt>[] Attempt =
    [
        new(nameof(Data.Attempt.PublicId), a => a.PublicId), new(nameof(Data.Attempt.QuizId), a => a.QuizId),
        new(nameof(Data.Attempt.UserId), a => a.UserId), new(nameof(Data.Attempt.Number), a => a.Number),
        new(nameof(Data.Attempt.State), a => a.State), new(nameof(Data.Attempt.CourseId), a => a.CourseId),
        new(nameof(Data.Attempt.CourseSlug), a => a.CourseSlug), new(nameof(Data.Attempt.LessonKey), a => a.LessonKey),
        new(nameof(Data.Attempt.StartedUtc), a => a.StartedUtc), new(nameof(Data.Attempt.DeadlineUtc), a => a.DeadlineUtc),
        new(nameof(Data.Attempt.SubmittedUtc), a => a.SubmittedUtc), new(nameof(Data.Attempt.SubmittedBy), a => a.SubmittedBy),
        new(nameof(Data.Attempt.CurrentPage), a => a.CurrentPage), new(nameof(Data.Attempt.PageCount), a => a.PageCount),
        new(nameof(Data.Attempt.Score), a => a.Score), new(nameof(Data.Attempt.MaxScore), a => a.MaxScore),
        new(nameof(Data.Attempt.Passed), a => a.Passed), new(nameof(Data.Attempt.GradedUtc), a => a.GradedUtc),
        new(nameof(Data.Attempt.Drawn), a => a.Drawn), new(nameof(Data.Attempt.Flagged), a => a.Flagged),
    ];

    /// <summary>The columns of a log row (its id is generated).</summary>
    public static readonly BulkColumn<AttemptEvent>[] Event =
    [
        new(nameof(AttemptEvent.AttemptId), e => e.AttemptId),
        new(nameof(AttemptEvent.AtUtc), e => e.AtUtc),
        new(nameof(AttemptEvent.Kind), e => e.Kind),
        new(nameof(AttemptEvent.ActorId), e => e.ActorId),
        new(nameof(AttemptEvent.Detail), e => e.Detail),
    ];

    /// <summary>The columns of an attempt's question rows as a draw gives them (the rest take their defaults).</summary>
    public static readonly BulkColumn<AttemptQuestion>[] Question =
    [
        new(nameof(AttemptQuestion.AttemptId), q => q.AttemptId), new(nameof(AttemptQuestion.Slot), q => q.Slot),
        new(nameof(AttemptQuestion.Page), q => q.Page), new(nameof(AttemptQuestion.QuestionId), q => q.QuestionId),
        new(nameof(AttemptQuestion.QuestionVersionId), q => q.QuestionVersionId), new(nameof(AttemptQuestion.OptionOrder), q => q.OptionOrder),
        new(nameof(AttemptQuestion.Mark), q => q.Mark), new(nameof(AttemptQuestion.Sequence), q => q.Sequence),
    ];
}
