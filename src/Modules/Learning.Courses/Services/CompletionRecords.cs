using Learning.Courses.Data;
using Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Services;

internal sealed class CompletionRecords(LearningDbContext db) : ICompletionRecords
{
    public IQueryable<CourseCompletionRow> CourseCompletions() =>
        db.Set<Enrollment>().Where(e => e.CompletedUtc != null)
            .Select(e => new CourseCompletionRow { UserId = e.UserId, CourseId = e.CourseId, CompletedUtc = e.CompletedUtc!.Value });

    public IQueryable<PathCompletionRow> PathCompletions() =>
        db.Set<LearningPathCompletion>().Select(c => new PathCompletionRow { UserId = c.UserId, PathId = c.PathId, CompletedUtc = c.CompletedUtc });

    public async Task<CompletedCourse?> CompletedCourseAsync(string userId, int courseId, CancellationToken cancellationToken = default)
    {
        var row = await (from e in db.Set<Enrollment>().AsNoTracking()
                         join c in db.Set<Course>().AsNoTracking() on e.CourseId equals c.Id
                         where e.UserId == userId && e.CourseId == courseId && e.CompletedUtc != null
                         select new { c.Id, c.Title, c.EstimatedHours, c.PublishedVersion, e.CompletedUtc })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new CompletedCourse(row.Id, row.Title, row.EstimatedHours, row.PublishedVersion, row.CompletedUtc!.Value);
    }

    public async Task<CompletedPath?> CompletedPathAsync(string userId, int pathId, CancellationToken cancellationToken = default)
    {
        var completion = await db.Set<LearningPathCompletion>().AsNoTracking()
            .Where(c => c.UserId == userId && c.PathId == pathId).OrderBy(c => c.CompletedUtc).FirstOrDefaultAsync(cancellationToken);
        var path = completion is null ? null
            : await db.Set<LearningPath>().AsNoTracking().Include(p => p.Courses).SingleOrDefaultAsync(p => p.Id == pathId, cancellationToken);
        if (completion is null || path is null)
        {
            return null;
        }

        var ids = path.Courses.OrderBy(c => c.Position).ThenBy(c => c.Id).Select(c => c.CourseId).ToList();
        var hours = await db.Set<Course>().Where(c => ids.Contains(c.Id)).Select(c => c.EstimatedHours).ToListAsync(cancellationToken);
        return new CompletedPath(path.Id, path.Title, hours.Sum(), completion.CompletedUtc) { CourseIds = ids };
    }
}
