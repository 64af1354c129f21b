using Learning.Courses.Data;
using Learning.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Learning.Courses.Services;

public sealed record PublishedCourse(Course Course, CourseSnapshot Snapshot);

/// <summary>
/// Reads published courses. Snapshots are immutable per version and cached without expiry concerns. The course row (which
/// version is live, dates, self-enrolment) is cached for a few seconds: the node that publishes drops its entry at once,
/// other nodes follow within <see cref="RowLifetime"/>.
/// </summary>
public sealed class CourseReader(LearningDbContext db, IMemoryCache cache)
{
    public static readonly TimeSpan RowLifetime = TimeSpan.FromSeconds(5);

    public async Task<PublishedCourse?> FindPublishedAsync(string slug, CancellationToken cancellationToken = default)
    {
        var course = await cache.GetOrCreateAsync(("course-slug", slug), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = RowLifetime;
            entry.Size = 1;
            return db.Set<Course>().AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug && c.IsPublished && c.PublishedVersion > 0, cancellationToken);
        });
        return course is null ? null : new PublishedCourse(course, await SnapshotAsync(course.Id, course.PublishedVersion, cancellationToken));
    }

    public async Task<PublishedCourse?> FindPublishedAsync(int courseId, CancellationToken cancellationToken = default)
    {
        var course = await cache.GetOrCreateAsync(("course-id", courseId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = RowLifetime;
            entry.Size = 1;
            return db.Set<Course>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId && c.IsPublished && c.PublishedVersion > 0, cancellationToken);
        });
        return course is null ? null : new PublishedCourse(course, await SnapshotAsync(course.Id, course.PublishedVersion, cancellationToken));
    }

    /// <summary>Forgets this node's cached row of a course (after publishing, unpublishing or changing its settings).</summary>
    public void Forget(Course course)
    {
        cache.Remove(("course-slug", course.Slug));
        cache.Remove(("course-id", course.Id));
        cache.Remove("catalog");
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
