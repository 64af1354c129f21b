using Learning.Courses.Data;
using Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Services;

public sealed record MyCourse(
    int CourseId,
    string Slug,
    string Title,
    string Topic,
    decimal EstimatedHours,
    int Completed,
    int Required,
    DateTime? DueUtc,
    DateTime? CompletedUtc,
    string? ContinueLessonKey,
    bool Overdue)
{
    public int Percent => Required == 0 ? 0 : Completed * 100 / Required;
}

public sealed record MyPath(int Id, string Slug, string Title, int CoursesDone, int CoursesTotal, DateTime? CompletedUtc);

/// <summary>"My learning": the learner's active enrolments with progress, due dates and where to continue.</summary>
public sealed class MyLearning(LearningDbContext db, CourseReader reader, TimeProvider clock)
{
    public async Task<IReadOnlyList<MyCourse>> CoursesAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await (from e in db.Set<Enrollment>().AsNoTracking()
                          join c in db.Set<Course>().AsNoTracking() on e.CourseId equals c.Id
                          where e.UserId == userId && e.WithdrawnUtc == null && c.IsPublished && c.PublishedVersion > 0
                          orderby e.CompletedUtc != null, e.DueUtc ?? DateTime.MaxValue, c.Title
                          select new { e.CourseId, c.Slug, c.Title, c.Topic, c.EstimatedHours, c.PublishedVersion, e.CompletedLessons, e.RequiredLessons, e.DueUtc, e.CompletedUtc, e.LastLessonKey })
            .ToListAsync(cancellationToken);
        var result = new List<MyCourse>(rows.Count);
        foreach (var r in rows)
        {
            var continueKey = r.CompletedUtc is null ? r.LastLessonKey : null;
            if (r.CompletedUtc is null && continueKey is null)
            {
                var snapshot = await reader.SnapshotAsync(r.CourseId, r.PublishedVersion, cancellationToken);
                continueKey = snapshot.Lessons.FirstOrDefault()?.Key;
            }

            result.Add(new MyCourse(r.CourseId, r.Slug, r.Title, r.Topic, r.EstimatedHours, r.CompletedLessons, r.RequiredLessons, r.DueUtc, r.CompletedUtc,
                continueKey, r.CompletedUtc is null && r.DueUtc is { } due && due < now));
        }

        return result;
    }

    public async Task<IReadOnlyList<MyPath>> PathsAsync(string userId, CancellationToken cancellationToken = default)
    {
        var paths = await db.Set<LearningPath>().AsNoTracking().Where(p => p.IsPublished).Include(p => p.Courses).OrderBy(p => p.Title).ToListAsync(cancellationToken);
        var completedCourses = (await db.Set<Enrollment>().AsNoTracking().Where(e => e.UserId == userId && e.CompletedUtc != null).Select(e => e.CourseId).ToListAsync(cancellationToken)).ToHashSet();
        var enrolledCourses = (await db.Set<Enrollment>().AsNoTracking().Where(e => e.UserId == userId && e.WithdrawnUtc == null).Select(e => e.CourseId).ToListAsync(cancellationToken)).ToHashSet();
        var completions = await db.Set<LearningPathCompletion>().AsNoTracking().Where(c => c.UserId == userId).ToDictionaryAsync(c => c.PathId, c => c.CompletedUtc, cancellationToken);
        return paths
            .Where(p => p.Courses.Any(c => enrolledCourses.Contains(c.CourseId)) || completions.ContainsKey(p.Id))
            .Select(p => new MyPath(p.Id, p.Slug, p.Title, p.Courses.Count(c => completedCourses.Contains(c.CourseId)), p.Courses.Count, completions.GetValueOrDefault(p.Id)))
            .ToList();
    }
}
