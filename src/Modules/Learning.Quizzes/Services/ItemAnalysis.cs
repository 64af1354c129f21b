using System.Globalization;

namespace Learning.Quizzes.Services;

/// <summary>
/// Moodle's quiz statistics (docs.moodle.org/dev/Quiz_statistics_calculations), computed from attempts already graded. Every
/// attempt given counts as an independent one: the caller chooses which (the results page gives the graded ones, one per cadre
/// by the grading method, as Moodle's report does by default: <see cref="QuizGrading.Graded"/>). Question
/// figures are per question, so a question drawn by a random slot is analysed wherever it stood; the internal consistency is
/// per slot, as in Moodle. Pure: no database.
/// </summary>
public static class ItemAnalysis
{
    /// <summary>Below this facility, %, a question is too hard to tell cadres apart (or its key is wrong).</summary>
    public const double HardFacility = 10;

    /// <summary>Above this facility, %, almost everyone succeeds: the question measures little.</summary>
    public const double EasyFacility = 95;

    /// <summary>Below this discrimination index, %, the question separates stronger from weaker cadres only weakly.</summary>
    public const double WeakDiscrimination = 25;

    private const int TopResponses = 5;

    public static QuizStatistics Compute(IReadOnlyList<AttemptScore> attempts) => Compute(attempts, null);

    /// <summary>
    /// The statistics of <paramref name="attempts"/>; with <paramref name="questions"/> (by question id) the choice questions
    /// list every option, even one nobody chose, and get their random guess score.
    /// </summary>
    public static QuizStatistics Compute(IReadOnlyList<AttemptScore> attempts, IReadOnlyDictionary<int, QuestionDefinition>? questions)
    {
        var totals = attempts.Select(a => a.Total).ToArray();
        var questionStats = attempts
            .SelectMany(a => a.Items.Select(item => (Item: item, Total: a.Total)))
            .GroupBy(x => x.Item.QuestionId)
            .Select(g => ForQuestion(g.Key, g.ToList(), questions?.GetValueOrDefault(g.Key)))
            .OrderBy(q => q.Slots.Count > 0 ? q.Slots[0] : int.MaxValue)
            .ThenBy(q => q.QuestionId)
            .ToList();
        var slotVariances = attempts
            .SelectMany(a => a.Items)
            .GroupBy(i => i.Slot)
            .Select(g => SampleVariance(g.Select(i => i.Mark).ToArray()) ?? 0)
            .ToList();
        return ForQuiz(totals, attempts.Count == 0 ? 0 : attempts.Max(a => a.MaxTotal), slotVariances) with { Questions = questionStats };
    }

    /// <summary>
    /// What a response counts as in the response shares: the chosen option ids; a short answer in the form it is graded in; a
    /// number in the base unit; each matching prompt with its chosen answer; the order given. Essays give nothing to count.
    /// </summary>
    public static IReadOnlyList<string> ResponseKeys(QuestionDefinition question, QuestionResponse? response)
    {
        if (response is null || response.IsEmpty)
        {
            return [];
        }

        switch (question.Type)
        {
            case QuestionType.SingleChoice or QuestionType.TrueFalse or QuestionType.MultipleChoice:
                return response.Choices.Distinct(StringComparer.Ordinal).ToList();
            case QuestionType.ShortAnswer:
                var text = QuestionGrader.ShortAnswerForm(response.Text ?? "", question);
                return text.Length == 0 ? [] : [text];
            case QuestionType.Numerical:
                var raw = QuestionGrader.Canonical(response.Text ?? "");
                return QuestionGrader.TryReadWithUnit(question, raw, out var value)
                    ? [value.ToString("R", CultureInfo.InvariantCulture)]
                    : raw.Length == 0 ? [] : [raw];
            case QuestionType.Matching:
                var answers = question.Pairs.ToDictionary(p => p.Id, p => p.Answer, StringComparer.Ordinal);
                return question.Pairs
                    .Where(p => p.Prompt.Length > 0 && response.Matches.ContainsKey(p.Id))
                    .Select(p => QuestionGrader.Canonical(p.Prompt) + " → "
                        + QuestionGrader.Canonical(answers.GetValueOrDefault(response.Matches[p.Id]) ?? ""))
                    .ToList();
            case QuestionType.Ordering:
                return [string.Join(", ", response.Choices)];
            default:
                return [];
        }
    }

    private static QuestionStatistics ForQuestion(int questionId, List<(AttemptScoreItem Item, double Total)> rows, QuestionDefinition? question)
    {
        var s = rows.Count;
        var marks = rows.Select(r => r.Item.Mark).ToArray();
        var others = rows.Select(r => r.Total - r.Item.Mark).ToArray();
        var maxMark = rows.Max(r => r.Item.MaxMark);
        var scored = rows.Where(r => r.Item.MaxMark > 0).Select(r => r.Item.Mark / r.Item.MaxMark).ToArray();

        double? facility = scored.Length > 0 ? 100 * scored.Average() : null;
        double? sd = SampleVariance(scored) is { } scoreVariance ? 100 * Math.Sqrt(scoreVariance) : null;

        double? discrimination = null;
        double? efficiency = null;
        if (s > 1)
        {
            var markMean = marks.Average();
            var otherMean = others.Average();
            var markVariance = SampleVariance(marks);
            var otherVariance = SampleVariance(others);
            var covariance = 0.0;
            for (var i = 0; i < s; i++)
            {
                covariance += (marks[i] - markMean) * (others[i] - otherMean);
            }

            covariance /= s - 1;
            if (markVariance is { } mv && otherVariance is { } ov)
            {
                discrimination = Math.Clamp(100 * covariance / Math.Sqrt(mv * ov), -100, 100);
            }

            // Pairing both lists in sorted order gives the largest covariance these marks allow (the rearrangement inequality).
            var sortedMarks = marks.Order().ToArray();
            var sortedOthers = others.Order().ToArray();
            var covarianceMax = 0.0;
            for (var i = 0; i < s; i++)
            {
                covarianceMax += (sortedMarks[i] - markMean) * (sortedOthers[i] - otherMean);
            }

            covarianceMax /= s - 1;
            if (markVariance is not null && otherVariance is not null && covarianceMax > 0)
            {
                efficiency = Math.Clamp(100 * covariance / covarianceMax, -100, 100);
            }
        }

        return new QuestionStatistics
        {
            QuestionId = questionId,
            Slots = rows.Select(r => r.Item.Slot).Distinct().Order().ToList(),
            Type = question?.Type,
            Attempts = s,
            MaxMark = maxMark,
            MeanMark = marks.Average(),
            FacilityIndex = facility,
            StandardDeviation = sd,
            RandomGuessScore = question is null ? null : RandomGuessScore(question) * 100,
            DiscriminationIndex = discrimination,
            DiscriminativeEfficiency = efficiency,
            Responses = Responses(rows, question),
            Flags = Flags(facility, discrimination),
        };
    }

    private static QuizStatistics ForQuiz(double[] totals, double maxTotal, List<double> slotVariances)
    {
        var s = totals.Length;
        if (s == 0)
        {
            return new QuizStatistics { MaxTotal = maxTotal };
        }

        var mean = totals.Average();
        var sorted = totals.Order().ToArray();
        var median = s % 2 == 1 ? sorted[s / 2] : (sorted[(s / 2) - 1] + sorted[s / 2]) / 2;
        var statistics = new QuizStatistics { Attempts = s, MaxTotal = maxTotal, Mean = mean, Median = median };
        if (s < 2)
        {
            return statistics;
        }

        double power2 = 0, power3 = 0, power4 = 0;
        foreach (var total in totals)
        {
            var d = total - mean;
            power2 += d * d;
            power3 += d * d * d;
            power4 += d * d * d * d;
        }

        var sd = Math.Sqrt(power2 / (s - 1));
        statistics = statistics with { StandardDeviation = sd };
        // As Moodle: skewness and the internal consistency from three attempts, kurtosis from four, none without spread.
        if (s < 3 || IsZero(power2 / s, maxTotal))
        {
            return statistics;
        }

        var m2 = power2 / s;
        var m3 = power3 / s;
        var m4 = power4 / s;
        var k2 = s * m2 / (s - 1);
        var k3 = (double)s * s * m3 / ((s - 1) * (s - 2));
        statistics = statistics with { Skewness = k3 / Math.Pow(k2, 1.5) };
        if (s > 3)
        {
            var k4 = (double)s * s * (((s + 1) * m4) - (3 * (s - 1) * m2 * m2)) / ((double)(s - 1) * (s - 2) * (s - 3));
            statistics = statistics with { Kurtosis = k4 / (k2 * k2) };
        }

        var p = slotVariances.Count;
        if (p > 1)
        {
            var alpha = 100.0 * p / (p - 1) * (1 - (slotVariances.Sum() / k2));
            var errorRatio = 100 * Math.Sqrt(Math.Max(0, 1 - (alpha / 100)));
            statistics = statistics with { InternalConsistency = alpha, ErrorRatio = errorRatio, StandardError = errorRatio * sd / 100 };
        }

        return statistics;
    }

    /// <summary>Sample variance (n − 1, as Moodle); null below two values or when every value is the same.</summary>
    private static double? SampleVariance(double[] values)
    {
        if (values.Length < 2)
        {
            return null;
        }

        var mean = values.Average();
        var sum = 0.0;
        var scale = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
            scale = Math.Max(scale, Math.Abs(v));
        }

        var variance = sum / (values.Length - 1);
        return IsZero(variance, scale) ? null : variance;
    }

    /// <summary>Equal marks such as 0.1 three times leave a variance of 1e-33, not 0: below rounding noise it is no spread.</summary>
    private static bool IsZero(double variance, double scale) => variance <= 1e-20 * Math.Max(1, scale * scale);

    private static double? RandomGuessScore(QuestionDefinition question)
    {
        var options = question.Options;
        switch (question.Type)
        {
            case QuestionType.SingleChoice or QuestionType.TrueFalse when options.Count > 0:
                return options.Average(o => Math.Clamp(o.Fraction, 0, 1));
            case QuestionType.MultipleChoice when options.Count > 0:
                // Moodle's figure, on the assumption the text says how many to tick: the share of right options.
                return (double)options.Count(o => o.Fraction > 0) / options.Count;
            case QuestionType.Matching:
                var choices = question.Pairs.Select(p => QuestionGrader.Canonical(p.Answer)).Distinct(StringComparer.Ordinal).Count();
                return choices > 0 && question.Pairs.Any(p => p.Prompt.Length > 0) ? 1.0 / choices : null;
            default:
                return null;
        }
    }

    private static List<ResponseStatistics> Responses(List<(AttemptScoreItem Item, double Total)> rows, QuestionDefinition? question)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (item, _) in rows)
        {
            foreach (var key in item.ResponseKeys.Distinct(StringComparer.Ordinal))
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        if (question?.Type is QuestionType.SingleChoice or QuestionType.TrueFalse or QuestionType.MultipleChoice)
        {
            return question.Options
                .Select(o => new ResponseStatistics(o.Id, counts.GetValueOrDefault(o.Id), (double)counts.GetValueOrDefault(o.Id) / rows.Count))
                .ToList();
        }

        return counts
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(TopResponses)
            .Select(c => new ResponseStatistics(c.Key, c.Value, (double)c.Value / rows.Count))
            .ToList();
    }

    private static List<string> Flags(double? facility, double? discrimination)
    {
        var flags = new List<string>();
        if (discrimination < 0)
        {
            flags.Add("Stats.NegativeDiscrimination");
        }
        else if (discrimination < WeakDiscrimination)
        {
            flags.Add("Stats.WeakDiscrimination");
        }

        if (facility < HardFacility)
        {
            flags.Add("Stats.TooHard");
        }
        else if (facility > EasyFacility)
        {
            flags.Add("Stats.TooEasy");
        }

        return flags;
    }
}
