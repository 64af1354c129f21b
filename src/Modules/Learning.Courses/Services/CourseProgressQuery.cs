using Learning.Courses.Data;
using Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Services;

internal sealed class CourseProgressQuery(LearningDbContext db) : ICourseProgressQuery
{
    public async Task<IReadOnlyList<CourseRef>> CoursesAsync(CancellationToken cancellationToken = default) =>
        await db.Set<Course>().AsNoTracking().OrderBy(c => c.Title).Select(c => new CourseRef(c.Id, c.Slug, c.Title, c.IsPublished)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<LearningPathRef>> PathsAsync(CancellationToken cancellationToken = default)
    {
        var paths = await db.Set<LearningPath>().AsNoTracking().Include(p => p.Courses).OrderBy(p => p.Title).ToListAsync(cancellationToken);
        return paths.Select(p => new LearningPathRef(p.Id, p.Slug, p.Title, p.Courses.OrderBy(c => c.Position).Select(c => c.CourseId).ToList(), p.IsPublished)).ToList();
    }

    public async Task<IReadOnlyList<EnrollmentFact>> EnrollmentsAsync(IReadOnlyCollection<int> courseIds, IQueryable<string>? userIds, CancellationToken cancellationToken = default)
    {
        if (courseIds.Count == 0)
        {
            return [];
        }

        var ids = courseIds.Distinct().ToList();
        var enrollments = db.Set<Enrollment>().AsNoTracking().Where(e => e.WithdrawnUtc == null && ids.Contains(e.CourseId));
        if (userIds is not null)
        {
            enrollments = enrollments.Where(e => userIds.Contains(e.UserId));
        }

        return await enrollments.Select(e => new EnrollmentFact(e.UserId, e.CourseId, e.EnrolledUtc, e.CompletedUtc)).ToListAsync(cancellationToken);
    }
}
