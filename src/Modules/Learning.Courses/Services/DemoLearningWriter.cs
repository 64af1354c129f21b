using Learning.Courses.Data;
using Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Services;

/// <summary>
/// Demonstration learning (the demo recipe): enrolments marked <see cref="EnrollmentSource.Simulated"/>, their required lessons
/// completed in course order at back-dated times (<see cref="SimulatedBy"/> as the completion's source), and the learning paths
/// they complete. No statement and no notice (its due-date reminders count as sent; the managers' digest leaves it out):
/// nothing of it leaves the site.
/// </summary>
internal sealed class DemoLearningWriter(LearningDbContext db, CourseReader reader) : IDemoLearningWriter
{
    /// <summary>What a simulated lesson completion names as its source (a real one: "learner", "quiz", "video").</summary>
    public const string SimulatedBy = "simulated";

    public async Task<IReadOnlyList<SimulatedProgress>> AddAsync(IReadOnlyList<SimulatedEnrollment> enrollments, CancellationToken cancellationToken = default)
    {
        var snapshots = new Dictionary<int, CourseSnapshot?>();
        foreach (var courseId in enrollments.Select(e => e.CourseId).Distinct())
        {
            snapshots[courseId] = (await reader.FindPublishedAsync(courseId, cancellationToken))?.Snapshot;
        }

        var userIds = enrollments.Select(e => e.UserId).Distinct().ToList();
        var existing = (await db.Set<Enrollment>().Where(e => userIds.Contains(e.UserId)).Select(e => new { e.UserId, e.CourseId }).ToListAsync(cancellationToken))
            .Select(e => (e.UserId, e.CourseId)).ToHashSet();
        var added = new List<SimulatedProgress>();
        foreach (var s in enrollments)
        {
            if (snapshots[s.CourseId] is not { } snapshot || snapshot.RequiredKeys.Count == 0 || !existing.Add((s.UserId, s.CourseId)))
            {
                continue;
            }

            var required = snapshot.Lessons.Where(l => l.Required).ToList();
            var done = s.CompletedUtc is null ? Math.Clamp(s.LessonsDone, 0, required.Count - 1) : required.Count;

            // The lessons done are spread evenly from a day after the enrolment to the last activity (or the completion).
            var last = s.CompletedUtc ?? s.LastActivityUtc ?? s.EnrolledUtc.AddDays(1);
            var first = s.EnrolledUtc.AddHours(Math.Min(24, Math.Max(0, (last - s.EnrolledUtc).TotalHours / 2)));
            var lessons = new List<SimulatedLesson>();
            for (var i = 0; i < required.Count; i++)
            {
                DateTime? at = null;
                if (i < done)
                {
                    at = done == 1 ? last : first + ((last - first) * i / (done - 1));
                    db.Add(new LessonProgress { UserId = s.UserId, CourseId = s.CourseId, LessonKey = required[i].Key, FirstOpenedUtc = at.Value.AddMinutes(-Math.Max(5, required[i].Minutes)), CompletedUtc = at, CompletedBy = SimulatedBy });
                }

                lessons.Add(new SimulatedLesson(required[i].Key, required[i].Kind, required[i].Reference, at));
            }

            db.Add(new Enrollment
            {
                UserId = s.UserId,
                CourseId = s.CourseId,
                Source = EnrollmentSource.Simulated,
                EnrolledUtc = s.EnrolledUtc,
                DueUtc = s.DueUtc,
                CompletedUtc = s.CompletedUtc,
                LastActivityUtc = done > 0 ? lessons[done - 1].CompletedUtc : s.LastActivityUtc,
                LastLessonKey = done > 0 ? required[done - 1].Key : null,
                RequiredLessons = required.Count,
                CompletedLessons = done,

                // Its due-date reminders count as sent: simulated learning never e-mails a cadre.
                Due7NoticeFor = s.DueUtc,
                Due1NoticeFor = s.DueUtc,
                OverdueNoticeFor = s.DueUtc,
            });
            added.Add(new SimulatedProgress(s.UserId, s.CourseId, snapshot.Slug, s.EnrolledUtc, s.LastActivityUtc, s.CompletedUtc, lessons));
        }

        await db.SaveChangesAsync(cancellationToken);
        await CompletePathsAsync(added.Select(a => a.UserId).Distinct().ToList(), cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<(string UserId, int CourseId)>> SimulatedAsync(CancellationToken cancellationToken = default) =>
        (await db.Set<Enrollment>().Where(e => e.Source == EnrollmentSource.Simulated).Select(e => new { e.UserId, e.CourseId }).ToListAsync(cancellationToken))
            .Select(e => (e.UserId, e.CourseId)).ToList();

    public async Task<int> RemoveAsync(CancellationToken cancellationToken = default)
    {
        var simulated = await SimulatedAsync(cancellationToken);
        if (simulated.Count == 0)
        {
            return 0;
        }

        // Progress on a simulated enrolment is simulated (a real learner's enrolment in that course was never replaced), and so
        // is whatever the cadre did on it since: it goes with it.
        var users = simulated.Select(s => s.UserId).Distinct().ToList();
        var pairs = simulated.ToHashSet();
        var progress = await db.Set<LessonProgress>().Where(p => users.Contains(p.UserId)).Select(p => new { p.Id, p.UserId, p.CourseId }).ToListAsync(cancellationToken);
        var progressIds = progress.Where(p => pairs.Contains((p.UserId, p.CourseId))).Select(p => p.Id).ToList();
        foreach (var chunk in progressIds.Chunk(500))
        {
            await db.Set<LessonProgress>().Where(p => chunk.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        var removed = await db.Set<Enrollment>().Where(e => e.Source == EnrollmentSource.Simulated).ExecuteDeleteAsync(cancellationToken);

        // A path completion stays only while its learner still has every course of the path completed.
        var paths = await db.Set<LearningPath>().AsNoTracking().Include(p => p.Courses).ToListAsync(cancellationToken);
        var completions = await db.Set<LearningPathCompletion>().Where(c => users.Contains(c.UserId)).ToListAsync(cancellationToken);
        var completed = (await db.Set<Enrollment>().Where(e => users.Contains(e.UserId) && e.CompletedUtc != null).Select(e => new { e.UserId, e.CourseId }).ToListAsync(cancellationToken))
            .Select(e => (e.UserId, e.CourseId)).ToHashSet();
        foreach (var completion in completions)
        {
            var path = paths.FirstOrDefault(p => p.Id == completion.PathId);
            if (path is null || path.Courses.Any(c => !completed.Contains((completion.UserId, c.CourseId))))
            {
                db.Remove(completion);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return removed;
    }

    /// <summary>Each path all of whose courses the learner has now completed, completed when the last of them was.</summary>
    private async Task CompletePathsAsync(List<string> users, CancellationToken cancellationToken)
    {
        if (users.Count == 0)
        {
            return;
        }

        var paths = await db.Set<LearningPath>().AsNoTracking().Include(p => p.Courses).Where(p => p.Courses.Count > 0).ToListAsync(cancellationToken);
        var completedAt = (await db.Set<Enrollment>().Where(e => users.Contains(e.UserId) && e.CompletedUtc != null).Select(e => new { e.UserId, e.CourseId, e.CompletedUtc }).ToListAsync(cancellationToken))
            .ToDictionary(e => (e.UserId, e.CourseId), e => e.CompletedUtc!.Value);
        var already = (await db.Set<LearningPathCompletion>().Where(c => users.Contains(c.UserId)).Select(c => new { c.UserId, c.PathId }).ToListAsync(cancellationToken))
            .Select(c => (c.UserId, c.PathId)).ToHashSet();
        foreach (var user in users)
        {
            foreach (var path in paths.Where(p => !already.Contains((user, p.Id))))
            {
                var times = path.Courses.Select(c => completedAt.TryGetValue((user, c.CourseId), out var at) ? at : (DateTime?)null).ToList();
                if (times.All(t => t is not null))
                {
                    db.Add(new LearningPathCompletion { PathId = path.Id, UserId = user, CompletedUtc = times.Max()!.Value });
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
