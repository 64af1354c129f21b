using Learning.Quizzes.Services;

namespace Learning.Quizzes.Tests;

/// <summary>
/// The expected figures come from textbook formulas run once in Python (statistics module), not from Moodle's code path:
/// <code>
/// A = [(1,1,2),(1,0,1),(0,1,2),(0,0,0),(1,0.5,1)]; maxm = (1,1,2); tot = [sum(a) for a in A]
/// facility = 100*mean(m/max); sd = 100*stdev(m/max); di = 100*correlation(m, tot-m)
/// de = 100*covariance(m, rest)/covariance(sorted(m), sorted(rest))
/// skew = sqrt(n(n-1))/(n-2)*g1; kurt = ((n+1)*g2+6)*(n-1)/((n-2)(n-3)); alpha = k/(k-1)*(1-sum(var_i)/var(tot))
/// q1: facility=60 sd=54.7722557505 di=14.0028008403 de=16.6666666667
/// q2: facility=50 sd=50.0000000000 di=68.4653196881 de=100
/// q3: facility=60 sd=41.8330013267 di=76.5531815824 de=79.1666666667
/// mean=2.3 median=2.5 sd=1.4832396974 skew=-0.8848873195 kurt=1.4488636364 alpha=64.7727272727
/// errorratio=59.3525675327 se=0.8803408431
/// </code>
/// </summary>
public sealed class ItemAnalysisTests
{
    private static readonly double[][] Marks = [[1, 1, 2], [1, 0, 1], [0, 1, 2], [0, 0, 0], [1, 0.5, 1]];

    private static readonly double[] MaxMarks = [1, 1, 2];

    private static List<AttemptScore> Attempts() =>
        Marks.Select(row => new AttemptScore(row.Select((mark, i) => new AttemptScoreItem(101 + i, i + 1, mark, MaxMarks[i])).ToList())).ToList();

    [Fact]
    public void Compute_QuestionFigures_MatchTheHandComputedValues()
    {
        var questions = ItemAnalysis.Compute(Attempts()).Questions;

        Assert.Equal([101, 102, 103], questions.Select(q => q.QuestionId));
        Assert.All(questions, q => Assert.Equal(5, q.Attempts));
        AssertClose([60, 50, 60], questions.Select(q => q.FacilityIndex));
        AssertClose([54.7722557505, 50, 41.8330013267], questions.Select(q => q.StandardDeviation));
        AssertClose([14.0028008403, 68.4653196881, 76.5531815824], questions.Select(q => q.DiscriminationIndex));
        AssertClose([16.6666666667, 100, 79.1666666667], questions.Select(q => q.DiscriminativeEfficiency));
    }

    [Fact]
    public void Compute_QuizFigures_MatchTheHandComputedValues()
    {
        var quiz = ItemAnalysis.Compute(Attempts());

        Assert.Equal(5, quiz.Attempts);
        Assert.Equal(4, quiz.MaxTotal);
        AssertClose(
            [2.3, 2.5, 1.4832396974, -0.8848873195, 1.4488636364, 64.7727272727, 59.3525675327, 0.8803408431],
            [quiz.Mean, quiz.Median, quiz.StandardDeviation, quiz.Skewness, quiz.Kurtosis, quiz.InternalConsistency, quiz.ErrorRatio, quiz.StandardError]);
        AssertClose([57.5, 62.5], [quiz.MeanPercent, quiz.MedianPercent]);
    }

    [Fact]
    public void Compute_WeakQuestion_IsFlaggedAndListedForReview()
    {
        var quiz = ItemAnalysis.Compute(Attempts());

        Assert.Equal(["Stats.WeakDiscrimination"], quiz.Questions[0].Flags);
        Assert.Empty(quiz.Questions[1].Flags);
        Assert.Equal([101], quiz.QuestionsToReview.Select(q => q.QuestionId));
    }

    [Fact]
    public void Compute_QuestionAnsweredBetterByWeakerCadres_HasNegativeDiscrimination()
    {
        // Question 2 is right exactly when the others are wrong.
        double[][] marks = [[1, 0, 1], [1, 0, 1], [0, 1, 0], [0, 1, 0], [1, 1, 0]];
        var attempts = marks.Select(row => new AttemptScore(row.Select((m, i) => new AttemptScoreItem(i + 1, i + 1, m, 1)).ToList())).ToList();

        var quiz = ItemAnalysis.Compute(attempts);
        var question = quiz.Questions[1];

        Assert.True(question.DiscriminationIndex < 0);
        Assert.Contains("Stats.NegativeDiscrimination", question.Flags);
        Assert.Equal(2, quiz.QuestionsToReview[0].QuestionId);
    }

    [Fact]
    public void Compute_QuestionEveryoneGetsRight_HasNoDiscriminationAndIsTooEasy()
    {
        // 0.1 of a mark each time: the variance computed is rounding noise, not spread.
        var attempts = Marks.Select(row => new AttemptScore(
            [new AttemptScoreItem(1, 1, row[0], 1), new AttemptScoreItem(2, 2, 0.1, 0.1)])).ToList();

        var question = ItemAnalysis.Compute(attempts).Questions[1];

        Assert.Equal(100, question.FacilityIndex!.Value, 9);
        Assert.Null(question.StandardDeviation);
        Assert.Null(question.DiscriminationIndex);
        Assert.Null(question.DiscriminativeEfficiency);
        Assert.Equal(["Stats.TooEasy"], question.Flags);
    }

    [Fact]
    public void Compute_OneAttempt_GivesMeanAndMedianOnly()
    {
        var quiz = ItemAnalysis.Compute([new AttemptScore([new AttemptScoreItem(1, 1, 1, 1), new AttemptScoreItem(2, 2, 0, 1)])]);

        Assert.Equal((1.0, 1.0), (quiz.Mean!.Value, quiz.Median!.Value));
        Assert.Null(quiz.StandardDeviation);
        Assert.Null(quiz.Skewness);
        Assert.Null(quiz.Kurtosis);
        Assert.Null(quiz.InternalConsistency);
        Assert.Null(quiz.StandardError);
        Assert.All(quiz.Questions, q =>
        {
            Assert.Null(q.StandardDeviation);
            Assert.Null(q.DiscriminationIndex);
            Assert.Null(q.DiscriminativeEfficiency);
        });
        Assert.Equal(100, quiz.Questions[0].FacilityIndex);
    }

    [Fact]
    public void Compute_EveryAttemptScoresTheSame_GivesNullsNotNaN()
    {
        var attempts = Enumerable.Range(0, 6).Select(_ => new AttemptScore([new AttemptScoreItem(1, 1, 1, 1), new AttemptScoreItem(2, 2, 0, 1)])).ToList();

        var quiz = ItemAnalysis.Compute(attempts);

        Assert.Equal(0, quiz.StandardDeviation);
        Assert.Null(quiz.Skewness);
        Assert.Null(quiz.Kurtosis);
        Assert.Null(quiz.InternalConsistency);
        Assert.Null(quiz.ErrorRatio);
        Assert.All(quiz.Questions, q => Assert.Null(q.DiscriminationIndex));
        Assert.Equal(["Stats.TooEasy"], quiz.Questions[0].Flags);
        Assert.Equal(["Stats.TooHard"], quiz.Questions[1].Flags);
    }

    [Fact]
    public void Compute_NoAttempts_GivesAnEmptyReport()
    {
        var quiz = ItemAnalysis.Compute([]);

        Assert.Equal(0, quiz.Attempts);
        Assert.Null(quiz.Mean);
        Assert.Empty(quiz.Questions);
    }

    [Fact]
    public void Compute_ChoiceQuestion_SharesEveryOptionAndKnowsTheGuessScore()
    {
        var question = new QuestionDefinition
        {
            Type = QuestionType.SingleChoice,
            Options = [new() { Id = "a", Fraction = 1 }, new() { Id = "b" }, new() { Id = "c" }, new() { Id = "d" }],
        };
        string[] chosen = ["a", "a", "b", "a", ""];
        var attempts = chosen.Select(c =>
        {
            var response = c.Length == 0 ? null : new QuestionResponse { Choices = [c] };
            var grade = QuestionGrader.Grade(question, response);
            return new AttemptScore([new AttemptScoreItem(7, 1, grade.Fraction!.Value, 1, ItemAnalysis.ResponseKeys(question, response))]);
        }).ToList();

        var stats = ItemAnalysis.Compute(attempts, new Dictionary<int, QuestionDefinition> { [7] = question }).Questions.Single();

        Assert.Equal(QuestionType.SingleChoice, stats.Type);
        Assert.Equal(25, stats.RandomGuessScore);
        Assert.Equal(["a", "b", "c", "d"], stats.Responses.Select(r => r.Key));
        Assert.Equal([3, 1, 0, 0], stats.Responses.Select(r => r.Count));
        Assert.Equal(0.6, stats.Responses[0].Share, 10);
    }

    [Fact]
    public void Compute_TextQuestion_CountsTheNormalisedAnswersMostFrequentFirst()
    {
        var question = new QuestionDefinition { Type = QuestionType.ShortAnswer, IgnoreDiacritics = true };
        string[] typed = ["Chữ ký số", "chu ky so", " CHỮ  KÝ SỐ", "mã OTP", "a", "b", "c", "d"];
        var attempts = typed.Select(t => new AttemptScore(
            [new AttemptScoreItem(1, 1, 0, 1, ItemAnalysis.ResponseKeys(question, new QuestionResponse { Text = t }))])).ToList();

        var responses = ItemAnalysis.Compute(attempts).Questions.Single().Responses;

        Assert.Equal(5, responses.Count);
        Assert.Equal(("chu ky so", 3), (responses[0].Key, responses[0].Count));
        Assert.Equal(3.0 / 8, responses[0].Share, 10);
    }

    [Fact]
    public void ResponseKeys_Numerical_IsTheValueInTheBaseUnit()
    {
        var question = new QuestionDefinition { Type = QuestionType.Numerical, Units = [new() { Name = "m" }, new() { Name = "km", Multiplier = 1000 }] };

        Assert.Equal(["1500"], ItemAnalysis.ResponseKeys(question, new QuestionResponse { Text = "1,5 km" }));
        Assert.Equal(["1500"], ItemAnalysis.ResponseKeys(question, new QuestionResponse { Text = "1500" }));
    }

    [Fact]
    public void Compute_RandomSlot_AnalysesEachQuestionWhereverItStood()
    {
        // Slot 2 drew question 20 or 21; alpha still counts two slots.
        List<AttemptScore> attempts =
        [
            new([new AttemptScoreItem(10, 1, 1, 1), new AttemptScoreItem(20, 2, 1, 1)]),
            new([new AttemptScoreItem(10, 1, 0, 1), new AttemptScoreItem(21, 2, 0, 1)]),
            new([new AttemptScoreItem(10, 1, 1, 1), new AttemptScoreItem(21, 2, 1, 1)]),
            new([new AttemptScoreItem(10, 1, 0, 1), new AttemptScoreItem(20, 2, 0, 1)]),
        ];

        var quiz = ItemAnalysis.Compute(attempts);

        Assert.Equal([10, 20, 21], quiz.Questions.Select(q => q.QuestionId));
        Assert.Equal([2, 2], quiz.Questions.Skip(1).Select(q => q.Attempts));
        // Both slots agree perfectly: variance of each slot 1/3, of the total 4/3, alpha = 2 * (1 - 2/3 / (4/3)) = 100%.
        Assert.Equal(100, quiz.InternalConsistency!.Value, 9);
    }

    private static void AssertClose(double[] expected, IEnumerable<double?> actual)
    {
        var values = actual.ToList();
        Assert.Equal(expected.Length, values.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.NotNull(values[i]);
            Assert.Equal(expected[i], values[i]!.Value, 8);
        }
    }
}
