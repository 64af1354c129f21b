namespace Learning.Quizzes.Services;

/// <summary>
/// The quiz-level figures of Moodle's statistics report, in marks (the <c>*Percent</c> members scale them by
/// <see cref="MaxTotal"/>), and each question's analysis. A figure the data cannot support is null (never NaN): the standard
/// deviation needs two attempts, skewness and the internal consistency three, kurtosis four, and all need some spread.
/// </summary>
public sealed record QuizStatistics
{
    public int Attempts { get; init; }

    public double MaxTotal { get; init; }

    public double? Mean { get; init; }

    public double? Median { get; init; }

    public double? StandardDeviation { get; init; }

    public double? Skewness { get; init; }

    public double? Kurtosis { get; init; }

    /// <summary>Coefficient of internal consistency (Cronbach's alpha), %.</summary>
    public double? InternalConsistency { get; init; }

    /// <summary>The share, %, of the spread that is noise: √(1 − alpha).</summary>
    public double? ErrorRatio { get; init; }

    /// <summary>The standard error of measurement, in marks: error ratio × standard deviation.</summary>
    public double? StandardError { get; init; }

    public IReadOnlyList<QuestionStatistics> Questions { get; init; } = [];

    public double? MeanPercent => Percent(Mean);

    public double? MedianPercent => Percent(Median);

    public double? StandardDeviationPercent => Percent(StandardDeviation);

    public double? StandardErrorPercent => Percent(StandardError);

    /// <summary>Flagged questions, the most suspect first: negative discrimination, then the weakest, then by facility.</summary>
    public IReadOnlyList<QuestionStatistics> QuestionsToReview =>
        Questions.Where(q => q.NeedsReview)
            .OrderBy(q => q.DiscriminationIndex ?? double.MaxValue)
            .ThenByDescending(q => Math.Abs((q.FacilityIndex ?? 50) - 50))
            .ToList();

    private double? Percent(double? marks) => marks is { } m && MaxTotal > 0 ? 100 * m / MaxTotal : null;
}
