using Learning.Quizzes.Data;

namespace Learning.Quizzes.Services;

/// <summary>A cadre's grade for a quiz from their finished attempts, by the quiz's grading method (as Moodle computes it).</summary>
public static class QuizGrading
{
    /// <summary>Percent of the maximum, or null when no attempt is finished. Attempts in any order; only finished ones count.</summary>
    public static decimal? Percent(GradingMethod method, IEnumerable<Attempt> attempts)
    {
        var finished = attempts.Where(a => a.State == AttemptState.Finished && a.Score is not null).OrderBy(a => a.Number).ToList();
        if (finished.Count == 0)
        {
            return null;
        }

        var percents = finished.Select(PercentOf).ToList();
        return method switch
        {
            GradingMethod.Average => Math.Round(percents.Average(), 2),
            GradingMethod.First => percents[0],
            GradingMethod.Last => percents[^1],
            _ => percents.Max(),
        };
    }

    /// <summary>
    /// The finished attempts each cadre's grade is taken from, which Moodle's statistics analyse by default ("attempts that are
    /// graded"): the highest (the earlier of equals), the first or the last of each cadre's, or every one for an average.
    /// </summary>
    public static IEnumerable<T> Graded<T>(GradingMethod method, IEnumerable<T> finished, Func<T, string> user, Func<T, int> number, Func<T, decimal?> percent) =>
        method == GradingMethod.Average ? finished : finished.GroupBy(user).Select(mine => method switch
        {
            GradingMethod.First => mine.MinBy(number)!,
            GradingMethod.Last => mine.MaxBy(number)!,
            _ => mine.OrderByDescending(a => percent(a) ?? 0).ThenBy(number).First(),
        });

    public static decimal PercentOf(Attempt attempt) =>
        attempt.MaxScore <= 0 ? 0 : Math.Round((attempt.Score ?? 0) * 100 / attempt.MaxScore, 2);
}
