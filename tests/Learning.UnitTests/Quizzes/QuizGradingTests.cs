using Learning.Quizzes.Data;
using Learning.Quizzes.Services;

namespace Learning.Quizzes.Tests;

/// <summary>Which finished attempts the item analysis takes: the ones each cadre's grade comes from, by the grading method.</summary>
public sealed class QuizGradingTests
{
    private static readonly (string User, int Number, decimal? Percent)[] Finished =
    [
        ("an", 1, 40), ("an", 2, 90), ("an", 3, 70),
        ("binh", 1, 80), ("binh", 2, 80),
        ("chi", 1, 55),
    ];

    [Theory]
    [InlineData(GradingMethod.Highest, "an#2 binh#1 chi#1")]
    [InlineData(GradingMethod.First, "an#1 binh#1 chi#1")]
    [InlineData(GradingMethod.Last, "an#3 binh#2 chi#1")]
    [InlineData(GradingMethod.Average, "an#1 an#2 an#3 binh#1 binh#2 chi#1")]
    public void Graded_TakesEachCadresCountedAttempts(GradingMethod method, string expected)
    {
        var graded = QuizGrading.Graded(method, Finished, a => a.User, a => a.Number, a => a.Percent)
            .Select(a => $"{a.User}#{a.Number}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, string.Join(' ', graded));
    }
}
