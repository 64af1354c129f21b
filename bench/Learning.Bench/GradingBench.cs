using System.Diagnostics;
using System.Globalization;
using Learning.Quizzes.Services;

namespace Learning.Bench;

/// <summary>
/// Grading throughput without the host or a database: attempts of 16 questions (two of each type, essays included) with
/// responses drawn once from a fixed seed, each checked and graded as a submission would be; then the item analysis of them.
/// </summary>
public static class GradingBench
{
    private const int QuestionsPerAttempt = 16;

    public static void Run(int attempts, int runs)
    {
        var random = new Random(42);
        var questions = Questions();
        var responses = Enumerable.Range(0, attempts)
            .Select(_ => questions.Select(q => Respond(q, random)).ToArray())
            .ToArray();

        // One untimed pass lets the JIT settle before anything is measured.
        Grade(questions, responses);
        var rates = new List<double>();
        var checksum = 0.0;
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            checksum = Grade(questions, responses);
            rates.Add(attempts / watch.Elapsed.TotalSeconds);
        }

        var scores = responses.Select(r => new AttemptScore(questions.Select((q, i) =>
            new AttemptScoreItem(i + 1, i + 1, QuestionGrader.Grade(q, r[i]).Fraction ?? 0, 1, ItemAnalysis.ResponseKeys(q, r[i]))).ToList())).ToList();
        var definitions = questions.Select((q, i) => (q, i)).ToDictionary(x => x.i + 1, x => x.q);
        ItemAnalysis.Compute(scores, definitions);
        var analysis = Stopwatch.StartNew();
        var statistics = ItemAnalysis.Compute(scores, definitions);
        var analysisMs = analysis.Elapsed.TotalMilliseconds;

        rates.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT grading attempts={attempts} questions_per_attempt={QuestionsPerAttempt} runs={runs} attempts_per_s_median={rates[rates.Count / 2]:0} attempts_per_s_min={rates[0]:0} attempts_per_s_max={rates[^1]:0} mean_fraction_sum={checksum / attempts:0.000} item_analysis_ms={analysisMs:0.0} alpha_pct={statistics.InternalConsistency:0.0}"));
    }

    private static double Grade(QuestionDefinition[] questions, QuestionResponse?[][] responses)
    {
        var sum = 0.0;
        foreach (var attempt in responses)
        {
            for (var i = 0; i < questions.Length; i++)
            {
                if (attempt[i] is { } response && QuestionGrader.Check(questions[i], response) is not null)
                {
                    throw new InvalidOperationException("The bench drew a response its question refuses.");
                }

                sum += QuestionGrader.Grade(questions[i], attempt[i]).Fraction ?? 0;
            }
        }

        return sum;
    }

    private static QuestionDefinition[] Questions()
    {
        static QuestionOption O(string id, double fraction, string text = "") => new() { Id = id, Fraction = fraction, Text = text };
        var choices = new[] { O("a", 1, "Ủy ban nhân dân xã"), O("b", 0), O("c", 0), O("d", 0) };
        QuestionDefinition[] one =
        [
            new() { Type = QuestionType.SingleChoice, Options = choices },
            new() { Type = QuestionType.MultipleChoice, Options = [O("a", 0.5), O("b", 0.5), O("c", -0.5), O("d", -0.5), O("e", 0)] },
            new() { Type = QuestionType.TrueFalse, Options = [O("true", 1), O("false", 0)] },
            new() { Type = QuestionType.ShortAnswer, IgnoreDiacritics = true, Options = [O("a", 1, "chữ ký số"), O("b", 0.5, "chữ ký*"), O("c", 0, "*")] },
            new()
            {
                Type = QuestionType.Numerical,
                Options = [new() { Id = "a", Text = "1500", Tolerance = 5, Fraction = 1 }],
                Units = [new() { Name = "m" }, new() { Name = "km", Multiplier = 1000 }],
            },
            new()
            {
                Type = QuestionType.Matching,
                Pairs =
                [
                    new() { Id = "p1", Prompt = "Khai sinh", Answer = "Ủy ban nhân dân xã" },
                    new() { Id = "p2", Prompt = "Chứng thực", Answer = "Ủy ban nhân dân xã" },
                    new() { Id = "p3", Prompt = "Hộ chiếu", Answer = "Công an tỉnh" },
                    new() { Id = "p4", Prompt = "", Answer = "Bộ Nội vụ" },
                ],
            },
            new() { Type = QuestionType.Ordering, Options = [O("a", 0), O("b", 0), O("c", 0), O("d", 0), O("e", 0)] },
            new() { Type = QuestionType.Essay },
        ];
        return [.. one, .. one];
    }

    private static QuestionResponse? Respond(QuestionDefinition question, Random random)
    {
        if (random.Next(20) == 0)
        {
            return null;
        }

        string Pick(IReadOnlyList<string> from) => from[random.Next(from.Count)];
        var ids = question.Options.Select(o => o.Id).ToList();
        var pairIds = question.Pairs.Select(p => p.Id).ToList();
        return question.Type switch
        {
            QuestionType.SingleChoice or QuestionType.TrueFalse => new() { Choices = [Pick(ids)] },
            QuestionType.MultipleChoice => new() { Choices = ids.Where(_ => random.Next(2) == 0).ToList() },
            QuestionType.ShortAnswer => new() { Text = Pick(["Chữ ký số", "chu ky so", "chữ ký điện tử", "mã OTP", "  CHỮ KÝ  SỐ "]) },
            QuestionType.Numerical => new() { Text = Pick(["1500", "1,5 km", "1.502 m", "15 km", "1 500"]) },
            QuestionType.Matching => new()
            {
                Matches = question.Pairs.Where(p => p.Prompt.Length > 0).ToDictionary(p => p.Id, _ => Pick(pairIds)),
            },
            QuestionType.Ordering => new() { Choices = ids.OrderBy(_ => random.Next()).ToList() },
            _ => new() { Text = string.Create(CultureInfo.InvariantCulture, $"Ý kiến số {random.Next(1000)}") },
        };
    }
}
