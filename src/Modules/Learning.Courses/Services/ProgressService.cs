using Learning.Courses.Data;
using Learning.Data;
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

/// <summary>
/// Records what a learner opened and completed. Completing is idempotent (a unique row per user, course and lesson), so a
/// double click or two tabs never count twice; course completion is decided against the published version's required lessons.
/// </summary>
public sealed class ProgressService(
    LearningDbContext db,
    CourseReader reader,
    IEnumerable<ICourseCompletionHandler> handlers,
    TimeProvider clock,
    ILogger<ProgressService> logger) : ILessonCompletionReporter
{
    public async Task<IReadOnlySet<string>> CompletedKeysAsync(string userId, int courseId, CancellationToken cancellationToken = default) =>
        (await db.Set<LessonProgress>().AsNoTracking()
            .Where(p => p.UserId == userId && p.CourseId == courseId && p.CompletedUtc != null)
            .Select(p => p.LessonKey).ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>The learner opened a lesson: remember it as "where I left off", and complete it when opening is enough.</summary>
    public async Task OpenAsync(Enrollment enrollment, LessonSnapshot lesson, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tracked = await db.Set<Enrollment>().SingleAsync(e => e.Id == enrollment.Id, cancellationToken);
        tracked.LastLessonKey = lesson.Key;
        tracked.LastActivityUtc = now;
        await db.SaveChangesAsync(cancellationToken);

        var completesOnOpen = lesson.Kind is LessonKinds.Article && !lesson.MarkAsDone || lesson.Kind is LessonKinds.Link;
        if (completesOnOpen)
        {
            await CompleteAsync(enrollment.UserId, enrollment.CourseId, lesson.Key, "opened", cancellationToken);
        }
        else
        {
            await EnsureOpenedRowAsync(enrollment.UserId, enrollment.CourseId, lesson.Key, now, cancellationToken);
        }
    }

    public async Task<bool> ReportCompletedAsync(string userId, int courseId, string lessonKey, string source, CancellationToken cancellationToken = default) =>
        await CompleteAsync(userId, courseId, lessonKey, source, cancellationToken) is CompletionOutcome.Completed or CompletionOutcome.AlreadyCompleted;

    public async Task<CompletionOutcome> CompleteAsync(string userId, int courseId, string lessonKey, string source, CancellationToken cancellationToken = default)
    {
        var published = await reader.FindPublishedAsync(courseId, cancellationToken);
        var lesson = published?.Snapshot.Find(lessonKey);
        if (published is null || lesson is null)
        {
            return CompletionOutcome.UnknownLesson;
        }

        var enrollment = await db.Set<Enrollment>().SingleOrDefaultAsync(e => e.UserId == userId && e.CourseId == courseId, cancellationToken);
        if (enrollment is null)
        {
            return CompletionOutcome.NotEnrolled;
        }

        var completed = await CompletedKeysAsync(userId, courseId, cancellationToken);
        if (completed.Contains(lessonKey))
        {
            return CompletionOutcome.AlreadyCompleted;
        }

        if (AccessRules.ForLesson(published.Snapshot, completed, lessonKey) != LessonAccess.Open)
        {
            return CompletionOutcome.Locked;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.Set<LessonProgress>().SingleOrDefaultAsync(p => p.UserId == userId && p.CourseId == courseId && p.LessonKey == lessonKey, cancellationToken);
        if (row is null)
        {
            row = new LessonProgress { UserId = userId, CourseId = courseId, LessonKey = lessonKey, FirstOpenedUtc = now };
            db.Add(row);
        }

        row.CompletedUtc = now;
        row.CompletedBy = source;
        enrollment.LastActivityUtc = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request (a double click, a second tab) completed it at the same moment.
            db.ChangeTracker.Clear();
            return CompletionOutcome.AlreadyCompleted;
        }

        completed = new HashSet<string>(completed) { lessonKey };
        await RecountAsync(enrollment, published.Snapshot, completed, cancellationToken);
        return CompletionOutcome.Completed;
    }

    /// <summary>Updates the enrollment's counters; completes the course (once) when every required lesson is done.</summary>
    public async Task RecountAsync(Enrollment enrollment, CourseSnapshot snapshot, IReadOnlySet<string> completed, CancellationToken cancellationToken)
    {
        var required = snapshot.RequiredKeys;
        enrollment.RequiredLessons = required.Count;
        enrollment.CompletedLessons = required.Count(completed.Contains);
        var justCompleted = enrollment.CompletedUtc is null && enrollment.CompletedLessons == enrollment.RequiredLessons && required.Count > 0;
        if (justCompleted)
        {
            enrollment.CompletedUtc = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (justCompleted)
        {
            var completedEvent = new CourseCompleted(enrollment.UserId, snapshot.CourseId, snapshot.Slug, snapshot.Title, enrollment.CompletedUtc!.Value);
            foreach (var handler in handlers)
            {
                try
                {
                    await handler.OnCourseCompletedAsync(completedEvent, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The completion is saved; a failing listener must not undo it. It logs and can replay from the data.
                    logger.LogError(ex, "Course-completed handler {Handler} failed", handler.GetType().Name);
                }
            }

            await CompletePathsAsync(enrollment.UserId, snapshot.CourseId, cancellationToken);
        }
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

    private async Task EnsureOpenedRowAsync(string userId, int courseId, string lessonKey, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Set<LessonProgress>().AnyAsync(p => p.UserId == userId && p.CourseId == courseId && p.LessonKey == lessonKey, cancellationToken))
        {
            return;
        }

        db.Add(new LessonProgress { UserId = userId, CourseId = courseId, LessonKey = lessonKey, FirstOpenedUtc = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }
}
