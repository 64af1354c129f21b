using Learning.Courses.Data;
using Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Services;

internal sealed class DemoLearningWriter(LearningDbContext db, CourseReader reader) : IDemoLearningWriter
{
    public async Task<int> AddAsync(IReadOnlyList<SimulatedEnrollment> enrollments, CancellationToken cancellationToken = default)
    {
        var required = new Dictionary<int, int>();
        foreach (var courseId in enrollments.Select(e => e.CourseId).Distinct())
        {
            var published = await reader.FindPublishedAsync(courseId, cancellationToken);
            required[courseId] = published?.Snapshot.RequiredKeys.Count ?? 0;
        }

        var userIds = enrollments.Select(e => e.UserId).Distinct().ToList();
        var existing = (await db.Set<Enrollment>().Where(e => userIds.Contains(e.UserId)).Select(e => new { e.UserId, e.CourseId }).ToListAsync(cancellationToken))
            .Select(e => (e.UserId, e.CourseId)).ToHashSet();
        var added = 0;
        foreach (var s in enrollments)
        {
            if (required[s.CourseId] == 0 || !existing.Add((s.UserId, s.CourseId)))
            {
                continue;
            }

            var total = required[s.CourseId];
            db.Add(new Enrollment
            {
                UserId = s.UserId,
                CourseId = s.CourseId,
                Source = EnrollmentSource.Assigned,
                EnrolledUtc = s.EnrolledUtc,
                DueUtc = s.DueUtc,
                CompletedUtc = s.CompletedUtc,
                LastActivityUtc = s.LastActivityUtc,
                RequiredLessons = total,
                CompletedLessons = s.CompletedUtc is null ? Math.Clamp(s.LessonsDone, 0, total - 1) : total,
            });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}
