namespace Learning.Quizzes.Services;

/// <summary>
/// The grade of one response: <see cref="Fraction"/> of the mark in [0, 1] (null while an essay waits for a trainer), and the
/// options whose feedback applies (the chosen ones, the matched short answer or numerical value).
/// </summary>
public sealed record QuestionGrade(double? Fraction, IReadOnlyList<string> FeedbackOptionIds)
{
    public bool NeedsManualGrading => Fraction is null;

    public static QuestionGrade Manual { get; } = new(null, []);
}
