namespace Learning.Quizzes.Services;

/// <summary>
/// One option of a question. What it means depends on the type: a choice (single, multiple, true/false), an accepted answer
/// (short answer: <see cref="Text"/> is the answer; numerical: <see cref="Text"/> is the value in invariant culture, with
/// <see cref="Tolerance"/>), or an item in its correct place (ordering: options are stored in the correct order).
/// </summary>
public sealed record QuestionOption
{
    /// <summary>Stable within the question ("a", "b", …): responses, shuffles and statistics refer to it.</summary>
    public string Id { get; init; } = "";

    public string Text { get; init; } = "";

    /// <summary>Share of the question's mark, as in Moodle: 1 = full, 0.5 = half, negative = a penalty (multiple choice).</summary>
    public double Fraction { get; init; }

    /// <summary>Numerical only: the accepted absolute error.</summary>
    public double Tolerance { get; init; }

    /// <summary>Shown in the review when this option was chosen (or matched), if the review options allow feedback.</summary>
    public string? Feedback { get; init; }
}
