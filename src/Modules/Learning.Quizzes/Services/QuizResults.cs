using Learning.Courses;
using Learning.Data;
using Learning.Organization;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Quizzes.Services;

/// <summary>
/// What a trainer reads about quizzes: the list with its figures, the attempts of the cadres in their scope, and the item
/// analysis of those attempts. Everything is limited to the caller's organisational scope; an administrator's is everything.
/// </summary>
public sealed class QuizResults(LearningDbContext db, QuizCatalog catalog, ICadreDirectory cadres, ICourseReportRows courses)
{
    public sealed record QuizRow(int Id, string Key, string Title, string? CourseSlug, int QuestionsPerAttempt, int Attempts, int Finished, decimal? AveragePercent, decimal? PassRate)
    {
        /// <summary>Submitted attempts waiting for a trainer to grade an essay.</summary>
        public int Waiting { get; init; }
    }

    /// <summary>A submitted attempt waiting for its essays to be graded, in the grading queue.</summary>
    public sealed record WaitingRow(Guid PublicId, string QuizTitle, string QuizKey, string CadreName, string UnitName, int Number, DateTime SubmittedUtc, int Ungraded);

    public sealed record ResultRow(
        long Id,
        Guid PublicId,
        string UserId,
        string CadreName,
        string UnitName,
        string OrgPath,
        int Number,
        AttemptState State,
        DateTime StartedUtc,
        DateTime? SubmittedUtc,
        bool ByTimer,
        decimal? Percent,
        bool Passed)
    {
        /// <summary>The marks scored (null until graded) out of <see cref="MaxScore"/>.</summary>
        public decimal? Score { get; init; }

        public decimal MaxScore { get; init; }
    }

    public sealed record Analysis(QuizStatistics Statistics, IReadOnlyDictionary<int, string> Names, IReadOnlyDictionary<int, QuestionDefinition> Definitions);

    /// <summary>The attempts whose cadre lies inside <paramref name="scope"/>, as a query to compose.</summary>
    public IQueryable<Attempt> InScope(OrgScope scope)
    {
        var attempts = db.Set<Attempt>().AsNoTracking();
        if (scope.Unrestricted)
        {
            return attempts;
        }

        var users = cadres.UserIdsIn(scope);
        return attempts.Where(a => users.Contains(a.UserId));
    }

    public async Task<bool> ContainsAsync(OrgScope scope, string userId, CancellationToken cancellationToken) =>
        scope.Unrestricted || (await cadres.FindByUserAsync(userId, cancellationToken) is { } cadre && scope.Contains(cadre.OrgPath));

    public async Task<IReadOnlyList<QuizRow>> QuizzesAsync(OrgScope scope, CancellationToken cancellationToken)
    {
        var quizzes = await db.Set<Quiz>().AsNoTracking().Include(q => q.Slots).OrderBy(q => q.Title).ToListAsync(cancellationToken);
        // Counted in the database by quiz, state, outcome and score (a few hundred groups for a million attempts), then weighed here:
        // reading every attempt took a country's list of quizzes over a second.
        var groups = await InScope(scope).GroupBy(a => new { a.QuizId, a.State, a.Score, a.MaxScore, a.Passed })
            .Select(g => new { g.Key.QuizId, g.Key.State, g.Key.Score, g.Key.MaxScore, g.Key.Passed, Count = g.Count() }).ToListAsync(cancellationToken);
        var byQuiz = groups.ToLookup(a => a.QuizId);
        return [.. quizzes.Select(q =>
        {
            var mine = byQuiz[q.Id].ToList();
            var finished = mine.Where(a => a.State == AttemptState.Finished).ToList();
            var finishedCount = finished.Sum(a => a.Count);
            decimal? average = finishedCount == 0 ? null
                : Math.Round(finished.Sum(a => a.Count * (a.MaxScore <= 0 ? 0 : (a.Score ?? 0) * 100 / a.MaxScore)) / finishedCount, 1);
            decimal? passRate = finishedCount == 0 ? null : Math.Round(100m * finished.Where(a => a.Passed).Sum(a => a.Count) / finishedCount, 1);
            return new QuizRow(q.Id, q.Key, q.Title, q.CourseSlug, q.Slots.Sum(s => s.QuestionId is null ? s.RandomCount : 1), mine.Sum(a => a.Count), finishedCount, average, passRate)
            {
                Waiting = mine.Where(a => a.State == AttemptState.NeedsGrading).Sum(a => a.Count),
            };
        })];
    }

    /// <summary>The attempt in scope that has waited longest for its essays to be graded, other than <paramref name="except"/>; null when none waits.</summary>
    public Task<Guid?> NextWaitingAsync(OrgScope scope, Guid except, CancellationToken cancellationToken) =>
        InScope(scope).Where(a => a.State == AttemptState.NeedsGrading && a.PublicId != except).OrderBy(a => a.SubmittedUtc).ThenBy(a => a.Id)
            .Select(a => (Guid?)a.PublicId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The grading queue: every submitted attempt in scope whose essays wait for a trainer, across quizzes, the longest waiting
    /// first, with how many of its questions are ungraded. The attempt's grade is final once the last one is graded.
    /// </summary>
    public async Task<IReadOnlyList<WaitingRow>> WaitingAsync(OrgScope scope, CancellationToken cancellationToken)
    {
        var waiting = await InScope(scope).Where(a => a.State == AttemptState.NeedsGrading).OrderBy(a => a.SubmittedUtc).ThenBy(a => a.Id)
            .Select(a => new { a.PublicId, a.QuizId, a.UserId, a.Number, a.SubmittedUtc, Ungraded = a.Questions.Count(q => q.Fraction == null) })
            .ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return [];
        }

        var quizIds = waiting.Select(a => a.QuizId).Distinct().ToList();
        var quizzes = await db.Set<Quiz>().AsNoTracking().Where(q => quizIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, q => new { q.Title, q.Key }, cancellationToken);
        var people = await ProfilesAsync(scope, waiting.Select(a => a.UserId), cancellationToken);
        return [.. waiting.Select(a =>
        {
            var cadre = people.GetValueOrDefault(a.UserId);
            var quiz = quizzes[a.QuizId];
            return new WaitingRow(a.PublicId, quiz.Title, quiz.Key, cadre?.FullName ?? a.UserId, cadre?.UnitName ?? "", a.Number, a.SubmittedUtc ?? default, a.Ungraded);
        })];
    }

    /// <summary>The attempts at <paramref name="quiz"/> in scope, newest first, with each cadre's name and unit.</summary>
    public async Task<IReadOnlyList<ResultRow>> AttemptsAsync(Quiz quiz, OrgScope scope, CancellationToken cancellationToken)
    {
        var attempts = await InScope(scope).Where(a => a.QuizId == quiz.Id).OrderByDescending(a => a.StartedUtc).ToListAsync(cancellationToken);
        var people = await ProfilesAsync(scope, attempts.Select(a => a.UserId), cancellationToken);
        return [.. attempts.Select(a =>
        {
            var cadre = people.GetValueOrDefault(a.UserId);
            return new ResultRow(a.Id, a.PublicId, a.UserId, cadre?.FullName ?? "", cadre?.UnitName ?? "", cadre?.OrgPath ?? "", a.Number, a.State, a.StartedUtc,
                a.SubmittedUtc, a.SubmittedBy == AttemptService.Timer, a.State == AttemptState.Finished ? QuizGrading.PercentOf(a) : null, a.Passed)
            {
                Score = a.State == AttemptState.Finished ? a.Score : null,
                MaxScore = a.MaxScore,
            };
        })];
    }

    /// <summary>
    /// The cadres in scope who are to take the quiz (enrolled, not withdrawn, in a course that has it as a lesson) and have not
    /// started it, by unit and name. An attempt drawn ahead of the opening and never started does not count as taken.
    /// </summary>
    public async Task<IReadOnlyList<CadreProfile>> NotAttemptedAsync(Quiz quiz, OrgScope scope, CancellationToken cancellationToken)
    {
        var withQuiz = courses.Lessons(db).Where(l => l.Kind == LessonKinds.Quiz && l.Reference == quiz.Key).Select(l => l.CourseId);
        var enrolled = await courses.Enrollments(db).Where(e => withQuiz.Contains(e.CourseId)).Select(e => e.UserId).Distinct().ToListAsync(cancellationToken);
        var attempted = await db.Set<Attempt>().AsNoTracking().Where(a => a.QuizId == quiz.Id).Select(a => a.UserId).Distinct().ToListAsync(cancellationToken);
        var people = await ProfilesAsync(scope, enrolled.Except(attempted, StringComparer.Ordinal), cancellationToken);
        return [.. people.Values.OrderBy(p => p.OrgPath, StringComparer.Ordinal).ThenBy(p => p.FullName, StringComparer.CurrentCulture)];
    }

    /// <summary>Each attempt's marks per question slot (null: not graded yet), for the results' export.</summary>
    public async Task<IReadOnlyDictionary<long, Dictionary<int, decimal?>>> MarksAsync(IReadOnlyCollection<long> attemptIds, CancellationToken cancellationToken)
    {
        var marks = new Dictionary<long, Dictionary<int, decimal?>>();
        foreach (var chunk in attemptIds.Chunk(1000))
        {
            var rows = await db.Set<AttemptQuestion>().AsNoTracking().Where(q => chunk.Contains(q.AttemptId))
                .Select(q => new { q.AttemptId, q.Slot, q.Fraction, q.Mark }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                if (!marks.TryGetValue(row.AttemptId, out var slots))
                {
                    marks[row.AttemptId] = slots = [];
                }

                slots[row.Slot] = row.Fraction is { } f ? Math.Round(f * row.Mark, 2) : null;
            }
        }

        return marks;
    }

    /// <summary>The cadre profiles of these accounts, read by subtree (one query per scope path) rather than one by one.</summary>
    public async Task<IReadOnlyDictionary<string, CadreProfile>> ProfilesAsync(OrgScope scope, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var wanted = userIds.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, CadreProfile>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return found;
        }

        string?[] paths = scope.Unrestricted ? [null] : [.. scope.Paths];
        foreach (var path in paths)
        {
            foreach (var cadre in await cadres.FindAsync(new CadreFilter(UnderPath: path), cancellationToken))
            {
                if (cadre.UserId is { } id && wanted.Contains(id))
                {
                    found[id] = cadre;
                }
            }
        }

        return found;
    }

    /// <summary>Moodle's item analysis over these finished attempts (each counts as one).</summary>
    public async Task<Analysis> AnalyseAsync(IReadOnlyCollection<long> attemptIds, CancellationToken cancellationToken)
    {
        var ids = attemptIds.ToList();
        var rows = await db.Set<AttemptQuestion>().AsNoTracking().Where(q => ids.Contains(q.AttemptId)).ToListAsync(cancellationToken);
        var definitions = await catalog.DefinitionsAsync(rows.Select(r => r.QuestionVersionId), cancellationToken);
        var byQuestion = rows.GroupBy(r => r.QuestionId).ToDictionary(g => g.Key, g => definitions[g.Max(r => r.QuestionVersionId)]);
        var scores = rows.GroupBy(r => r.AttemptId).Select(g => new AttemptScore([.. g.OrderBy(r => r.Slot).Select(r => new AttemptScoreItem(
            r.QuestionId,
            r.Slot,
            (double)(r.Mark * (r.Fraction ?? 0)),
            (double)r.Mark,
            ItemAnalysis.ResponseKeys(definitions[r.QuestionVersionId], QuestionJson.DeserializeResponse(r.Response))))])).ToList();
        var questionIds = byQuestion.Keys.ToList();
        var names = await db.Set<Question>().AsNoTracking().Where(q => questionIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, q => q.Name, cancellationToken);
        return new Analysis(ItemAnalysis.Compute(scores, byQuestion), names, byQuestion);
    }
}
