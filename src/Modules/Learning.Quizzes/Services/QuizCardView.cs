using Learning.Quizzes.Data;

namespace Learning.Quizzes.Services;

/// <summary>What a quiz lesson shows before an attempt: the quiz, the cadre's limits, their attempts, and whether they can start.</summary>
public sealed record QuizCardView(
    Quiz Quiz,
    Accommodation Rules,
    IReadOnlyList<Attempt> Attempts,
    decimal? GradePercent,
    bool ShowMarks,
    AttemptProblem? CannotStart,
    string? Place,
    string? AntiforgeryField,
    string? AntiforgeryToken,
    bool IsPreview)
{
    /// <summary>In a course's preview, for a reader who may author quizzes: the card links to the whole quiz's preview.</summary>
    public bool CanPreviewQuiz { get; init; }

    public Attempt? Open => Attempts.FirstOrDefault(a => a.State == AttemptState.InProgress);

    public bool Passed => GradePercent is { } p && p >= Quiz.PassPercent;
}
