namespace Learning.Quizzes.Services;

/// <summary>
/// One question's item analysis, as Moodle's quiz statistics report computes it. Percentages are 0–100; a figure that needs
/// more attempts or some spread of marks to mean anything is null.
/// </summary>
public sealed record QuestionStatistics
{
    public int QuestionId { get; init; }

    /// <summary>The places the question held (several when a random slot drew it).</summary>
    public IReadOnlyList<int> Slots { get; init; } = [];

    /// <summary>Known when the caller passed the definitions.</summary>
    public QuestionType? Type { get; init; }

    public int Attempts { get; init; }

    public double MaxMark { get; init; }

    public double MeanMark { get; init; }

    /// <summary>The mean score as a share of the maximum, %: high is easy.</summary>
    public double? FacilityIndex { get; init; }

    /// <summary>The spread of the score, % of the maximum (sample standard deviation, as Moodle).</summary>
    public double? StandardDeviation { get; init; }

    /// <summary>What random guessing would score on average, %: single and multiple choice, true/false, matching.</summary>
    public double? RandomGuessScore { get; init; }

    /// <summary>The correlation, %, between this question's score and the rest of the test (total minus this question).</summary>
    public double? DiscriminationIndex { get; init; }

    /// <summary>
    /// The discrimination index as a share, %, of the most this question could have had given its and the rest's marks:
    /// the covariance over the covariance of both lists sorted (Moodle's discriminative efficiency).
    /// </summary>
    public double? DiscriminativeEfficiency { get; init; }

    /// <summary>For choice questions every option in order; otherwise the most frequent answers.</summary>
    public IReadOnlyList<ResponseStatistics> Responses { get; init; } = [];

    /// <summary>Resource keys (<c>Stats.*</c>) of why the question deserves a look; empty when nothing stands out.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    public bool NeedsReview => Flags.Count > 0;
}
