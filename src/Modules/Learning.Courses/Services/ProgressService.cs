using System.Globalization;
using Learning.Courses.Data;
using Learning.Data;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Learning.Courses.Services;

public enum CompletionOutcome
{
    Completed,
    AlreadyCompleted,
    NotEnrolled,
    UnknownLesson,
    Locked,
}

/// <summary>A learner's standing in one course: the enrolment and the keys of the lessons they completed.</summary>
public sealed record LearnerState(Enrollment Enrollment, HashSet<string> Completed);

/// <summary>
/// Records what a learner opened and completed. A completion is one row per (user, course, lesson) under a unique index, so a
/// double click or two tabs never count twice; the enrolment's counters are recomputed from those rows in one statement, and
/// the course completes exactly once (a conditional update only one request can win). Viewing a lesson already done, or the
/// one already remembered, writes nothing: the hot path is two reads.
/// </summary>
public sealed class ProgressService(
    LearningDbContext db,
    IEnumerable<ICourseCompletionHandler> handlers,
    ILearningEvents events,
    TimeProvider clock,
    ILogger<ProgressService> logger)
{
    private static readonly TimeSpan ActivityResolution = TimeSpan.FromHours(1);

    /// <summary>The enrolment and its completed lessons in one round trip (this runs on every lesson and course page).</summary>
    public async Task<LearnerState?> LoadAsync(string userId, int courseId, CancellationToken cancellationToken = default)
    {
        // A left join rather than a correlated collection: SQLite has no APPLY.
        var rows = await (from e in db.Set<Enrollment>().AsNoTracking().Where(e => e.UserId == userId && e.CourseId == courseId && e.WithdrawnUtc == null)
                          join p in db.Set<LessonProgress>().Where(p => p.CompletedUtc != null) on new { e.UserId, e.CourseId } equals new { p.UserId, p.CourseId } into done
                          from p in done.DefaultIfEmpty()
                          select new { Enrollment = e, Key = p == null ? null : p.LessonKey })
            .ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : new LearnerState(rows[0].Enrollment, rows.Where(r => r.Key is not null).Select(r => r.Key!).ToHashSet());
    }

    /// <summary>The learner opened a lesson: remember it as "where I left off", and complete it when opening is enough.</summary>
    public async Task OpenAsync(LearnerState state, CourseSnapshot snapshot, LessonSnapshot lesson, bool completeOnOpen, CancellationToken cancellationToken = default)
    {
        var enrollment = state.Enrollment;
        var now = clock.GetUtcNow().UtcDateTime;
        var completesOnOpen = completeOnOpen && ((lesson.Kind == LessonKinds.Article && !lesson.MarkAsDone) || lesson.Kind == LessonKinds.Link);
        if (completesOnOpen && !state.Completed.Contains(lesson.Key)
            && await CompleteAsync(state, snapshot, lesson.Key, "opened", cancellationToken) == CompletionOutcome.Completed)
        {
            return; // the completion also recorded this lesson as the place to continue
        }

        if (enrollment.LastLessonKey != lesson.Key || enrollment.LastActivityUtc is not { } last || now - last > ActivityResolution)
        {
            // Conditional, so that concurrent views of the same lesson (two tabs, a retry) write once and never wait on each other.
            var stale = now - ActivityResolution;
            var key = lesson.Key;
            await db.InTransactionAsync(async ct =>
            {
                // The launch is a statement only when this request wrote it (not every page view), in the same transaction.
                if (await db.Set<Enrollment>()
                    .Where(e => e.Id == enrollment.Id && (e.LastLessonKey == null || e.LastLessonKey != key || e.LastActivityUtc == null || e.LastActivityUtc < stale))
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.LastLessonKey, key).SetProperty(e => e.LastActivityUtc, now), ct) == 1)
                {
                    await events.RecordAsync(LessonEvent(LearningVerbs.Launched, enrollment.UserId, snapshot, lesson.Key, now), ct);
                    await db.SaveChangesAsync(ct);
                }
            }, cancellationToken);
            enrollment.LastLessonKey = lesson.Key;
            enrollment.LastActivityUtc = now;
        }
    }

    /// <summary>Records a completion the caller has already let through <see cref="LessonGate"/> (which checks the course's
    /// dates and prerequisite); the lesson's own lock is checked again here.</summary>
    public async Task<CompletionOutcome> CompleteAsync(LearnerState state, CourseSnapshot snapshot, string lessonKey, string source, CancellationToken cancellationToken)
    {
        if (state.Completed.Contains(lessonKey))
        {
            return CompletionOutcome.AlreadyCompleted;
        }

        if (AccessRules.ForLesson(snapshot, state.Completed, lessonKey) != LessonAccess.Open)
        {
            return CompletionOutcome.Locked;
        }

        var enrollment = state.Enrollment;
        var now = clock.GetUtcNow().UtcDateTime;
        var required = snapshot.RequiredKeys.ToList();
        bool courseCompleted;
        try
        {
            courseCompleted = await db.InTransactionAsync(ct => RecordAsync(enrollment, snapshot, required, lessonKey, source, now, ct), cancellationToken);
        }
        catch (DbUpdateException ex) when (!Transactions.IsTransient(ex))
        {
            // Another request (a double click, a second tab) completed it at the same moment; this one rolled back.
            db.ChangeTracker.Clear();
            state.Completed.Add(lessonKey);
            return CompletionOutcome.AlreadyCompleted;
        }

        // What this request knows; the database holds the exact figures, which the next page shows.
        state.Completed.Add(lessonKey);
        enrollment.RequiredLessons = required.Count;
        enrollment.CompletedLessons = required.Count(state.Completed.Contains);
        enrollment.LastLessonKey = lessonKey;
        enrollment.LastActivityUtc = now;
        if (courseCompleted)
        {
            enrollment.CompletedUtc = now;
            await OnCourseCompletedAsync(enrollment, snapshot, now, cancellationToken);
        }

        return CompletionOutcome.Completed;
    }

    /// <summary>
    /// One transaction, so one commit (one WAL flush on a durable PostgreSQL) per completion. It first locks the enrolment's row
    /// (remembering the lesson as the place to continue): concurrent completions of the same learner's course queue there, and
    /// each later statement sees the others' committed rows, so the counters recomputed from the completion rows cannot lose
    /// one. Then the completion row (unique per user, course and lesson), the counters, and the course's completion: a
    /// conditional update only one request can win. Returns whether this request completed the course.
    /// </summary>
    private async Task<bool> RecordAsync(Enrollment enrollment, CourseSnapshot snapshot, List<string> required, string lessonKey, string source, DateTime now, CancellationToken cancellationToken)
    {
        var (userId, courseId) = (enrollment.UserId, enrollment.CourseId);
        await db.Set<Enrollment>().Where(e => e.Id == enrollment.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LastLessonKey, lessonKey).SetProperty(e => e.LastActivityUtc, now), cancellationToken);
        db.Add(new LessonProgress { UserId = userId, CourseId = courseId, LessonKey = lessonKey, FirstOpenedUtc = now, CompletedUtc = now, CompletedBy = source });
        await events.RecordAsync(LessonEvent(LearningVerbs.Completed, userId, snapshot, lessonKey, now) with { Completion = true }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var progress = db.Set<LessonProgress>();
        await db.Set<Enrollment>().Where(e => e.Id == enrollment.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.RequiredLessons, required.Count)
                .SetProperty(e => e.CompletedLessons, e => progress.Count(p => p.UserId == userId && p.CourseId == courseId && p.CompletedUtc != null && required.Contains(p.LessonKey))),
                cancellationToken);
        var completed = required.Count > 0 && await db.Set<Enrollment>()
            .Where(e => e.Id == enrollment.Id && e.CompletedUtc == null && e.CompletedLessons == e.RequiredLessons)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.CompletedUtc, now), cancellationToken) == 1;
        if (completed)
        {
            await events.RecordAsync(new LearningEvent(LearningVerbs.Completed, userId, LearningActivityTypes.Course, courseId.ToString(CultureInfo.InvariantCulture), snapshot.Title)
            {
                CourseId = courseId,
                TimestampUtc = now,
                Completion = true,
            }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return completed;
    }

    private static LearningEvent LessonEvent(string verb, string userId, CourseSnapshot snapshot, string lessonKey, DateTime now) =>
        new(verb, userId, LearningActivityTypes.Lesson, $"{snapshot.CourseId.ToString(CultureInfo.InvariantCulture)}/{lessonKey}", snapshot.Find(lessonKey)?.Title ?? lessonKey)
        {
            CourseId = snapshot.CourseId,
            TimestampUtc = now,
        };

    /// <summary>After the completion is committed: the listeners (a failing one logs, it does not undo it), then learning paths.</summary>
    private async Task OnCourseCompletedAsync(Enrollment enrollment, CourseSnapshot snapshot, DateTime now, CancellationToken cancellationToken)
    {
        var userId = enrollment.UserId;
        var completedEvent = new CourseCompleted(userId, snapshot.CourseId, snapshot.Slug, snapshot.Title, now);
        foreach (var handler in handlers)
        {
            try
            {
                await handler.OnCourseCompletedAsync(completedEvent, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The completion is saved; a failing listener must not undo it. It logs, and can be replayed from the data.
                logger.LogError(ex, "Course-completed handler {Handler} failed", handler.GetType().Name);
            }
        }

        await CompletePathsAsync(userId, snapshot.CourseId, cancellationToken);
    }

    private async Task CompletePathsAsync(string userId, int courseId, CancellationToken cancellationToken)
    {
        var paths = await db.Set<LearningPath>().AsNoTracking().Include(p => p.Courses)
            .Where(p => p.Courses.Any(c => c.CourseId == courseId)).ToListAsync(cancellationToken);
        foreach (var path in paths)
        {
            var ids = path.Courses.Select(c => c.CourseId).ToList();
            var done = await db.Set<Enrollment>().CountAsync(e => e.UserId == userId && ids.Contains(e.CourseId) && e.CompletedUtc != null, cancellationToken);
            if (done < ids.Count || await db.Set<LearningPathCompletion>().AnyAsync(c => c.PathId == path.Id && c.UserId == userId, cancellationToken))
            {
                continue;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            db.Add(new LearningPathCompletion { PathId = path.Id, UserId = userId, CompletedUtc = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                continue;
            }

            foreach (var handler in handlers)
            {
                try
                {
                    await handler.OnLearningPathCompletedAsync(new LearningPathCompleted(userId, path.Id, path.Slug, path.Title, now), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Learning-path handler {Handler} failed", handler.GetType().Name);
                }
            }
        }
    }
}
