using Learning.Courses;
using Learning.Data;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Quizzes.Services;

/// <summary>
/// Demonstration attempts (the demo recipe): drawn from the quiz's slots as a real start draws them, answered by a simulated
/// cadre (right or wrong question by question), and graded by <see cref="AttemptGrading"/>, so scores, the results table and
/// item analysis read them as they read real ones. Back-dated to the simulated learning; no notice, no statement, no lesson
/// completion (the simulated progress has it already). An attempt that should pass and does not (or the reverse) is answered
/// again until it does (the seventh time, all right or all wrong). Deterministic for a learner, quiz and time.
/// </summary>
internal sealed class DemoQuizWriter(LearningDbContext db, QuizCatalog catalog) : IDemoQuizWriter
{
    /// <summary>Who graded a simulated essay.</summary>
    public const string SimulatedGrader = "simulated";

    public async Task<int> AddAsync(IReadOnlyList<SimulatedQuizAttempt> attempts, CancellationToken cancellationToken = default)
    {
        var added = 0;
        var numbers = new Dictionary<(int QuizId, string UserId), int>();
        var quizzes = new Dictionary<string, Quiz?>();
        foreach (var key in attempts.Select(a => a.QuizKey).Distinct())
        {
            quizzes[key] = await catalog.FindAsync(key, cancellationToken);
        }

        // Within the quiz's attempts allowed: a cadre's last attempts (the one that decides the lesson) are kept.
        var kept = attempts.Where(a => quizzes[a.QuizKey] is not null)
            .GroupBy(a => (a.UserId, a.QuizKey))
            .SelectMany(g => g.OrderBy(a => a.SubmittedUtc).TakeLast(quizzes[g.Key.QuizKey]!.AttemptsAllowed is > 0 and var allowed ? allowed : int.MaxValue));
        foreach (var take in kept.OrderBy(a => a.SubmittedUtc))
        {
            var quiz = quizzes[take.QuizKey]!;

            var random = new Random(StableSeed(take.UserId + "|" + take.QuizKey + "|" + take.SubmittedUtc.Ticks));
            var (questions, definitions) = await catalog.DrawAsync(quiz, random, cancellationToken);
            if (questions.Count == 0)
            {
                continue;
            }

            var attempt = new Attempt
            {
                PublicId = Guid.NewGuid(),
                QuizId = quiz.Id,
                UserId = take.UserId,
                State = AttemptState.InProgress,
                PageCount = AttemptLayout.PageCount(questions.Count, quiz.QuestionsPerPage),
                Questions = questions,
            };

            if (!numbers.TryGetValue((quiz.Id, take.UserId), out var number))
            {
                number = await db.Set<Attempt>().Where(a => a.QuizId == quiz.Id && a.UserId == take.UserId).Select(a => (int?)a.Number).MaxAsync(cancellationToken) ?? 0;
            }

            numbers[(quiz.Id, take.UserId)] = ++number;
            var minutes = Math.Clamp(attempt.Questions.Count * 2, 4, quiz.TimeLimitSeconds is { } limit ? Math.Max(4, limit / 60 - 1) : 40);
            var started = take.SubmittedUtc.AddMinutes(-minutes);
            (attempt.Number, attempt.StartedUtc, attempt.SubmittedUtc, attempt.SubmittedBy) = (number, started, take.SubmittedUtc, take.UserId);
            (attempt.CourseId, attempt.CourseSlug, attempt.LessonKey) = (take.CourseId, take.CourseSlug, take.LessonKey);
            attempt.DeadlineUtc = quiz.TimeLimitSeconds is { } seconds ? started.AddSeconds(seconds) : null;
            attempt.CurrentPage = attempt.PageCount - 1;

            // The simulated cadre knows 85 % of what a passing attempt asks, 35 % of a failing one; answered again until the
            // outcome is the one asked (at the ends: all right, all wrong).
            var skill = take.Pass ? 0.85 : 0.35;
            for (var round = 0; ; round++)
            {
                var p = round >= 6 ? (take.Pass ? 1 : 0) : skill;
                foreach (var question in attempt.Questions)
                {
                    var definition = definitions[question.QuestionVersionId];
                    var right = random.NextDouble() < p;
                    question.Response = QuestionJson.Serialize(Answer(definition, question.OptionOrder, right, random));
                    question.SavedUtc = take.SubmittedUtc;
                    (question.Fraction, question.GradedBy) = definition.Type == QuestionType.Essay ? (right ? 1m : 0.25m, SimulatedGrader) : ((decimal?)null, (string?)null);
                }

                AttemptGrading.Grade(attempt, definitions, quiz.PassPercent, take.SubmittedUtc);
                if (attempt.Passed == take.Pass || round >= 6)
                {
                    break;
                }
            }

            attempt.Events.Add(new AttemptEvent { AtUtc = started, Kind = AttemptEvents.Started, ActorId = take.UserId });
            attempt.Events.Add(new AttemptEvent { AtUtc = take.SubmittedUtc, Kind = AttemptEvents.Submitted, ActorId = take.UserId, Detail = $"{attempt.Score:0.###}/{attempt.MaxScore:0.###}" });
            db.Add(attempt);
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    public async Task<int> CountAsync(IReadOnlyList<(string UserId, int CourseId)> enrollments, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var attempts in StartedFrom(enrollments))
        {
            count += await attempts.CountAsync(cancellationToken);
        }

        return count;
    }

    public async Task<int> RemoveAsync(IReadOnlyList<(string UserId, int CourseId)> enrollments, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        foreach (var attempts in StartedFrom(enrollments))
        {
            removed += await attempts.ExecuteDeleteAsync(cancellationToken);
        }

        return removed;
    }

    /// <summary>The attempts started from these learners' courses, a query per learner.</summary>
    private IEnumerable<IQueryable<Attempt>> StartedFrom(IReadOnlyList<(string UserId, int CourseId)> enrollments) =>
        enrollments.GroupBy(e => e.UserId).Select(user =>
        {
            var courses = user.Select(e => (int?)e.CourseId).ToList();
            return db.Set<Attempt>().Where(a => a.UserId == user.Key && courses.Contains(a.CourseId));
        });

    /// <summary>A right answer to <paramref name="question"/>, or a plausible wrong one, in the ids responses are stored with.</summary>
    internal static QuestionResponse Answer(QuestionDefinition question, string optionOrder, bool right, Random random)
    {
        var shown = optionOrder.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var best = question.Options.Count == 0 ? null : question.Options.MaxBy(o => o.Fraction);
        var wrong = question.Options.Where(o => o.Fraction <= 0).ToList();
        return question.Type switch
        {
            QuestionType.SingleChoice or QuestionType.TrueFalse => new()
            {
                Choices = right || wrong.Count == 0 ? [best!.Id] : [wrong[random.Next(wrong.Count)].Id],
            },
            QuestionType.MultipleChoice => new()
            {
                Choices = right || wrong.Count == 0 ? [.. question.Options.Where(o => o.Fraction > 0).Select(o => o.Id)] : [wrong[random.Next(wrong.Count)].Id],
            },
            QuestionType.ShortAnswer => new() { Text = right && best is not null ? best.Text.Split('*')[0] : "không nhớ" },
            QuestionType.Numerical => new()
            {
                Text = right && best is not null ? best.Text + (question.UnitRequired && question.Units.Count > 0 ? " " + question.Units[0].Name : "") : "0",
            },
            QuestionType.Matching => new()
            {
                Matches = question.Pairs.Where(p => p.Prompt.Length > 0).Select((p, i) => (p, i)).ToDictionary(
                    x => x.p.Id,
                    x => right || shown.Length < 2 ? x.p.Id : shown[(Array.IndexOf(shown, x.p.Id) + 1 + shown.Length) % shown.Length]),
            },
            QuestionType.Ordering => new()
            {
                Choices = right ? [.. question.Options.Select(o => o.Id)] : [.. question.Options.Select(o => o.Id).Reverse()],
            },
            _ => new()
            {
                Text = right
                    ? "Tôi kiểm tra hồ sơ trên Cổng Dịch vụ công, ký số văn bản bằng chứng thư số của cơ quan, rồi trả kết quả cho người dân qua tài khoản VNeID."
                    : "Tôi in hồ sơ ra và chuyển cho bộ phận một cửa.",
            },
        };
    }

    /// <summary>A seed that is the same on every run and machine (string.GetHashCode is randomised per process).</summary>
    private static int StableSeed(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
