using Learning.Courses.Data;
using Learning.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Learning.Courses.Services;

public sealed record PublishedCourse(Course Course, CourseSnapshot Snapshot);

/// <summary>
/// Reads published courses. The course row is read each time (it is small and may change); the snapshot is immutable per
/// version, so it is cached in memory with no risk of one node serving another node's stale content.
/// </summary>
public sealed class CourseReader(LearningDbContext db, IMemoryCache cache)
{
    public async Task<PublishedCourse?> FindPublishedAsync(string slug, CancellationToken cancellationToken = default)
    {
        var course = await db.Set<Course>().AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug && c.IsPublished && c.PublishedVersion > 0, cancellationToken);
        return course is null ? null : new PublishedCourse(course, await SnapshotAsync(course.Id, course.PublishedVersion, cancellationToken));
    }

    public async Task<PublishedCourse?> FindPublishedAsync(int courseId, CancellationToken cancellationToken = default)
    {
        var course = await db.Set<Course>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId && c.IsPublished && c.PublishedVersion > 0, cancellationToken);
        return course is null ? null : new PublishedCourse(course, await SnapshotAsync(course.Id, course.PublishedVersion, cancellationToken));
    }

    public async Task<CourseSnapshot> SnapshotAsync(int courseId, int version, CancellationToken cancellationToken = default)
    {
        var key = ("course-snapshot", courseId, version);
        if (cache.TryGetValue(key, out CourseSnapshot? snapshot) && snapshot is not null)
        {
            return snapshot;
        }

        var json = await db.Set<CourseVersion>().AsNoTracking()
            .Where(v => v.CourseId == courseId && v.Number == version)
            .Select(v => v.SnapshotJson)
            .SingleAsync(cancellationToken);
        snapshot = CourseSnapshot.FromJson(json);
        cache.Set(key, snapshot, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1), Size = 1 });
        return snapshot;
    }
}
