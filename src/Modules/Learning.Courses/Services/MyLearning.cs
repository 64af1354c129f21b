using Learning.Courses.Data;
using Learning.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

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

/// <summary>"My learning": the learner's active enrolments with progress, due dates and where to continue. One query for the
/// learner's enrolments; snapshots and the list of learning paths come from the cache.</summary>
public sealed class MyLearning(LearningDbContext db, CourseReader reader, IMemoryCache cache, TimeProvider clock)
{
    private sealed record Row(int CourseId, string Slug, string Title, string Topic, decimal EstimatedHours, int PublishedVersion, bool IsPublished,
        int CompletedLessons, int RequiredLessons, DateTime? DueUtc, DateTime? CompletedUtc, DateTime? WithdrawnUtc, string? LastLessonKey);

    private sealed record PathRow(int Id, string Slug, string Title, IReadOnlyList<int> CourseIds);

    public async Task<(IReadOnlyList<MyCourse> Courses, IReadOnlyList<MyPath> Paths)> LoadAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await (from e in db.Set<Enrollment>().AsNoTracking()
                          join c in db.Set<Course>().AsNoTracking() on e.CourseId equals c.Id
                          where e.UserId == userId
                          select new Row(e.CourseId, c.Slug, c.Title, c.Topic, c.EstimatedHours, c.PublishedVersion, c.IsPublished,
                              e.CompletedLessons, e.RequiredLessons, e.DueUtc, e.CompletedUtc, e.WithdrawnUtc, e.LastLessonKey))
            .ToListAsync(cancellationToken);

        var courses = new List<MyCourse>();
        foreach (var r in rows.Where(r => r.WithdrawnUtc is null && r.IsPublished && r.PublishedVersion > 0)
                     .OrderBy(r => r.CompletedUtc is not null).ThenBy(r => r.DueUtc ?? DateTime.MaxValue).ThenBy(r => r.Title, StringComparer.Ordinal))
        {
            var continueKey = r.CompletedUtc is null ? r.LastLessonKey : null;
            if (r.CompletedUtc is null && continueKey is null)
            {
                continueKey = (await reader.SnapshotAsync(r.CourseId, r.PublishedVersion, cancellationToken)).Lessons.FirstOrDefault()?.Key;
            }

            courses.Add(new MyCourse(r.CourseId, r.Slug, r.Title, r.Topic, r.EstimatedHours, r.CompletedLessons, r.RequiredLessons, r.DueUtc, r.CompletedUtc,
                continueKey, r.CompletedUtc is null && r.DueUtc is { } due && due < now));
        }

        var completed = rows.Where(r => r.CompletedUtc is not null).ToDictionary(r => r.CourseId, r => r.CompletedUtc!.Value);
        var enrolled = rows.Where(r => r.WithdrawnUtc is null).Select(r => r.CourseId).ToHashSet();
        var paths = (await PathsAsync(cancellationToken))
            .Where(p => p.CourseIds.Any(enrolled.Contains) || p.CourseIds.Any(completed.ContainsKey))
            .Select(p => new MyPath(p.Id, p.Slug, p.Title, p.CourseIds.Count(completed.ContainsKey), p.CourseIds.Count,
                p.CourseIds.Count > 0 && p.CourseIds.All(completed.ContainsKey) ? p.CourseIds.Max(id => completed[id]) : null))
            .ToList();
        return (courses, paths);
    }

    private async Task<IReadOnlyList<PathRow>> PathsAsync(CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync("learning-paths", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CourseReader.RowLifetime;
            entry.Size = 1;
            var paths = await db.Set<LearningPath>().AsNoTracking().Where(p => p.IsPublished).Include(p => p.Courses).OrderBy(p => p.Title).ToListAsync(cancellationToken);
            return (IReadOnlyList<PathRow>)paths.Select(p => new PathRow(p.Id, p.Slug, p.Title, p.Courses.OrderBy(c => c.Position).Select(c => c.CourseId).ToList())).ToList();
        }) ?? [];
}
