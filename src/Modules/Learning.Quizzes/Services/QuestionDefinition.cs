namespace Learning.Quizzes.Services;

/// <summary>
/// A question as authored: stored as JSON in one <see cref="Data.QuestionVersion"/>, read and written by every format
/// (Moodle XML, GIFT, CSV, XLSX, recipes), graded by <see cref="QuestionGrader"/>. Immutable once an attempt has used it.
/// </summary>
public sealed record QuestionDefinition
{
    public QuestionType Type { get; init; }

    /// <summary>A short name for lists and reports (Moodle's question name).</summary>
    public string Name { get; init; } = "";

    /// <summary>The question text, Markdown (images as Markdown images); sanitized when shown.</summary>
    public string Text { get; init; } = "";

    /// <summary>Shown in the review whatever was answered, if the review options allow it (Moodle's general feedback).</summary>
    public string? GeneralFeedback { get; init; }

    public double DefaultMark { get; init; } = 1;

    /// <summary>Choices, accepted answers, numerical values or items in their correct order; see <see cref="QuestionOption"/>.</summary>
    public IReadOnlyList<QuestionOption> Options { get; init; } = [];

    /// <summary>Matching only.</summary>
    public IReadOnlyList<MatchPair> Pairs { get; init; } = [];

    /// <summary>Numerical only: accepted units; empty = a bare number.</summary>
    public IReadOnlyList<NumericUnit> Units { get; init; } = [];

    /// <summary>Numerical only: the answer must carry one of <see cref="Units"/> (otherwise a bare number is read in the first unit).</summary>
    public bool UnitRequired { get; init; }

    /// <summary>Options (or matching answers) are shown in an order drawn per attempt, when the quiz shuffles too.</summary>
    public bool ShuffleOptions { get; init; } = true;

    /// <summary>Short answer: "chu ky so" matches "chữ ký số" (marks and case ignored).</summary>
    public bool IgnoreDiacritics { get; init; }

    /// <summary>Short answer: case matters (ignored when <see cref="IgnoreDiacritics"/> is set).</summary>
    public bool CaseSensitive { get; init; }
}
