using System.Globalization;
using Learning.Data;
using Learning.Notifications;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Quizzes.Services;

/// <summary>
/// A trainer's changes to submitted attempts: grading a question by hand (essays), reopening an attempt, and re-grading a
/// quiz after its questions were corrected. Each change is logged on the attempt and in the audit trail.
/// </summary>
public sealed class TrainerGrading(LearningDbContext db, QuizCatalog catalog, AttemptService attempts, INotifier notifier, IAuditTrail audit, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Grades one question of a submitted attempt (fraction in [0, 1]); the attempt is finished once nothing waits.</summary>
    public async Task<bool> GradeAsync(long attemptId, int slot, decimal fraction, string? comment, string actorId, CancellationToken cancellationToken)
    {
        if (fraction is < 0 or > 1)
        {
            return false;
        }

        var finished = await db.InTransactionAsync(async ct =>
        {
            var attempt = await db.Set<Attempt>().Include(a => a.Questions).SingleOrDefaultAsync(a => a.Id == attemptId, ct);
            var question = attempt?.Questions.SingleOrDefault(q => q.Slot == slot);
            if (attempt is null || question is null || attempt.State == AttemptState.InProgress
                || await catalog.FindAsync(attempt.QuizId, ct) is not { } quiz)
            {
                return (Graded: false, Finished: (Attempt?)null);
            }

            var waiting = attempt.State == AttemptState.NeedsGrading;
            var before = attempt.Score;
            question.Fraction = Math.Round(fraction, 6);
            question.GraderComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
            question.GradedBy = actorId;
            var definitions = await catalog.DefinitionsAsync(attempt.Questions.Select(q => q.QuestionVersionId), ct);
            var now = Now;
            AttemptGrading.Grade(attempt, definitions, quiz.PassPercent, now);
            if (waiting && attempt.State == AttemptState.Finished
                && await db.Set<Attempt>().Where(a => a.Id == attemptId && a.State == AttemptState.NeedsGrading).ExecuteUpdateAsync(s => s.SetProperty(a => a.GradedUtc, now), ct) == 1)
            {
                // The grade that finishes the attempt (conditional on the row, so two graders finishing at once tell it once).
                notifier.Notify(QuizResultNotice.For(attempt, quiz, await attempts.ReviewShowsAsync(quiz, attempt, ReviewItems.Marks, ct)));
            }

            var detail = string.Create(CultureInfo.InvariantCulture, $"#{slot}: {question.Mark * question.Fraction:0.###}/{question.Mark:0.###}; {before:0.###} → {attempt.Score:0.###}/{attempt.MaxScore:0.###}");
            db.Add(new AttemptEvent { AttemptId = attempt.Id, AtUtc = now, Kind = AttemptEvents.Graded, ActorId = actorId, Detail = detail });
            audit.Record("quizzes.graded", $"{quiz.Key} #{attempt.PublicId}", detail);
            await db.SaveChangesAsync(ct);
            return (Graded: true, Finished: attempt.State == AttemptState.Finished ? attempt : null);
        }, cancellationToken);
        if (finished.Finished is { } done)
        {
            await attempts.ReportIfPassedAsync(done, cancellationToken);
        }

        return finished.Graded;
    }

    /// <summary>Opens a submitted attempt again, with a fresh deadline from now when the quiz is timed.</summary>
    public async Task<bool> ReopenAsync(long attemptId, string actorId, CancellationToken cancellationToken)
    {
        var attempt = await db.Set<Attempt>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attemptId, cancellationToken);
        if (attempt is null || attempt.State == AttemptState.InProgress || await catalog.FindAsync(attempt.QuizId, cancellationToken) is not { } quiz)
        {
            return false;
        }

        var rules = await attempts.AccommodationAsync(quiz, attempt.UserId, cancellationToken);
        var now = Now;
        var deadline = AttemptService.Deadline(rules, now);

        return await db.InTransactionAsync(async ct =>
        {
            // Conditional on the state, so a reopen racing another reopen (or a grade) changes the row once.
            var won = await db.Set<Attempt>().Where(a => a.Id == attemptId && a.State != AttemptState.InProgress)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AttemptState.InProgress).SetProperty(a => a.SubmittedUtc, (DateTime?)null)
                    .SetProperty(a => a.SubmittedBy, (string?)null).SetProperty(a => a.DeadlineUtc, deadline).SetProperty(a => a.Score, (decimal?)null)
                    .SetProperty(a => a.Passed, false).SetProperty(a => a.GradedUtc, (DateTime?)null), ct);
            if (won == 0)
            {
                return false;
            }

            var detail = string.Create(CultureInfo.InvariantCulture, $"{attempt.Score:0.###}/{attempt.MaxScore:0.###}{(deadline is { } d ? $"; deadline {d:O}" : "")}");
            db.Add(new AttemptEvent { AttemptId = attemptId, AtUtc = now, Kind = AttemptEvents.Reopened, ActorId = actorId, Detail = detail });
            audit.Record("quizzes.reopened", $"{quiz.Key} #{attempt.PublicId}", detail);
            await db.SaveChangesAsync(ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Re-grades the submitted attempts among <paramref name="scoped"/>: a question moves to its question's current version
    /// only when that is a later version of the same type (a corrected key, not another question), then every question not
    /// graded by hand is graded again. Returns how many attempts' scores changed.
    /// </summary>
    public async Task<int> RegradeAsync(Quiz quiz, IQueryable<Attempt> scoped, string actorId, CancellationToken cancellationToken)
    {
        var ids = await scoped.Where(a => a.QuizId == quiz.Id && a.State != AttemptState.InProgress).Select(a => a.Id).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var chunk in ids.Chunk(100))
        {
            var batch = await db.Set<Attempt>().Include(a => a.Questions).Where(a => chunk.Contains(a.Id)).ToListAsync(cancellationToken);
            var questionIds = batch.SelectMany(a => a.Questions).Select(q => q.QuestionId).Distinct().ToList();
            var current = await db.Set<Question>().AsNoTracking().Where(q => questionIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, q => q.CurrentVersionId, cancellationToken);
            var versionIds = batch.SelectMany(a => a.Questions).Select(q => q.QuestionVersionId).Concat(current.Values).Distinct().ToList();
            var versions = await db.Set<QuestionVersion>().AsNoTracking().Where(v => versionIds.Contains(v.Id))
                .ToDictionaryAsync(v => v.Id, v => new { v.QuestionId, v.Number }, cancellationToken);
            var definitions = await catalog.DefinitionsAsync(versionIds, cancellationToken);
            var finished = new List<Attempt>();
            foreach (var attempt in batch)
            {
                var before = attempt.Score;
                var moved = new List<string>();
                foreach (var question in attempt.Questions)
                {
                    if (current.TryGetValue(question.QuestionId, out var latest) && latest != question.QuestionVersionId
                        && versions.TryGetValue(latest, out var next) && versions.TryGetValue(question.QuestionVersionId, out var used)
                        && next.QuestionId == used.QuestionId && next.Number > used.Number
                        && definitions[latest].Type == definitions[question.QuestionVersionId].Type)
                    {
                        question.OptionOrder = KeepOrder(question.OptionOrder, definitions[latest]);
                        question.QuestionVersionId = latest;
                        // The version the cadre answered stays in the log (and in the bank: versions are never deleted).
                        moved.Add(string.Create(CultureInfo.InvariantCulture, $"#{question.Slot} v{used.Number}→v{next.Number}"));
                    }
                }

                var wasFinished = attempt.State == AttemptState.Finished;
                AttemptGrading.Grade(attempt, definitions, quiz.PassPercent, wasFinished ? attempt.GradedUtc ?? Now : Now);
                if (moved.Count == 0 && before == attempt.Score)
                {
                    continue;
                }

                var detail = string.Create(CultureInfo.InvariantCulture, $"{before:0.###} → {attempt.Score:0.###}/{attempt.MaxScore:0.###}")
                    + (moved.Count > 0 ? "; " + string.Join(", ", moved) : "");
                attempt.Events.Add(new AttemptEvent { AtUtc = Now, Kind = AttemptEvents.Regraded, ActorId = actorId, Detail = detail });
                changed++;
                if (attempt.State == AttemptState.Finished)
                {
                    finished.Add(attempt);
                    if (!wasFinished)
                    {
                        notifier.Notify(QuizResultNotice.For(attempt, quiz, await attempts.ReviewShowsAsync(quiz, attempt, ReviewItems.Marks, cancellationToken))); // its last ungraded question was regraded
                    }
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var attempt in finished)
            {
                await attempts.ReportIfPassedAsync(attempt, cancellationToken);
            }

            db.ChangeTracker.Clear();
        }

        audit.Record("quizzes.regraded", quiz.Key, changed.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    /// <summary>The order drawn for the attempt, for the options the new version still has; options it added go last.</summary>
    private static string KeepOrder(string order, QuestionDefinition next)
    {
        var ids = next.Type == QuestionType.Matching ? next.Pairs.DistinctBy(p => p.Answer).Select(p => p.Id).ToList() : next.Options.Select(o => o.Id).ToList();
        if (order.Length == 0)
        {
            return "";
        }

        var kept = order.Split(',').Where(ids.Contains).ToList();
        kept.AddRange(ids.Where(id => !kept.Contains(id)));
        return string.Join(',', kept);
    }
}
