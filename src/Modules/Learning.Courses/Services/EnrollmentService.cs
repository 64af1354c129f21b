using Learning.Courses.Data;
using Learning.Data;
using Learning.Modularity;
using Learning.Notifications;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Services;

public enum EnrolOutcome
{
    Enrolled,
    AlreadyEnrolled,
    NotOpenForSelfEnrolment,
    Restricted,
}

/// <summary>Self-enrolment, and the standing assignments that enrol cadres now and as they arrive (cohort sync).</summary>
public sealed class EnrollmentService(LearningDbContext db, ICadreDirectory cadres, CourseReader reader, INotifier notifier, ILearningEvents events, TimeProvider clock)
{
    private async Task<bool> PrerequisiteSatisfiedAsync(string userId, Course course, CancellationToken cancellationToken) =>
        course.PrerequisiteCourseId is not { } prerequisite
        || await db.Set<Enrollment>().AnyAsync(e => e.UserId == userId && e.CourseId == prerequisite && e.CompletedUtc != null, cancellationToken);

    /// <summary>Whether the learner may enter the course now: its dates, and its prerequisite course.</summary>
    public async Task<CourseAccess> AccessAsync(string userId, Course course, CancellationToken cancellationToken) =>
        AccessRules.ForCourse(clock.GetUtcNow().UtcDateTime, course.OpensUtc, course.ClosesUtc, await PrerequisiteSatisfiedAsync(userId, course, cancellationToken));

    public async Task<EnrolOutcome> SelfEnrolAsync(string userId, Course course, CancellationToken cancellationToken = default)
    {
        var existing = await db.Set<Enrollment>().SingleOrDefaultAsync(e => e.UserId == userId && e.CourseId == course.Id, cancellationToken);
        if (existing is { WithdrawnUtc: null })
        {
            return EnrolOutcome.AlreadyEnrolled;
        }

        if (!course.SelfEnrol)
        {
            return EnrolOutcome.NotOpenForSelfEnrolment;
        }

        if (await AccessAsync(userId, course, cancellationToken) != CourseAccess.Open)
        {
            return EnrolOutcome.Restricted;
        }

        if (existing is not null)
        {
            existing.WithdrawnUtc = null;
            existing.Source = EnrollmentSource.Self;
            await events.RecordAsync(Registered(userId, course.Id, course.Title), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return EnrolOutcome.Enrolled;
        }

        return await AddAsync(userId, course.Id, EnrollmentSource.Self, null, null, cancellationToken) ? EnrolOutcome.Enrolled : EnrolOutcome.AlreadyEnrolled;
    }

    /// <summary>
    /// Applies every active assignment (or one course's) to the cadres it matches today. Idempotent; returns new enrolments.
    /// Each cadre it enrols (or brings back after a withdrawal) is notified in the same transaction. Set-based: a unit of
    /// thousands of cadres is read and written in chunks (one query for who is enrolled, one insert batch per chunk).
    /// </summary>
    public async Task<int> SyncAssignmentsAsync(int? courseId = null, CancellationToken cancellationToken = default)
    {
        var assignments = await db.Set<CourseAssignment>().AsNoTracking()
            .Where(a => a.RemovedUtc == null && (courseId == null || a.CourseId == courseId))
            .ToListAsync(cancellationToken);
        var added = 0;
        foreach (var assignment in assignments)
        {
            var filter = await FilterAsync(assignment, cancellationToken);
            if (filter is null)
            {
                continue;
            }

            var users = (await cadres.FindAsync(filter, cancellationToken)).Where(c => c.UserId is not null).Select(c => c.UserId!).Distinct().ToList();
            var course = users.Count == 0 ? null : await db.Set<Course>().AsNoTracking().Where(c => c.Id == assignment.CourseId)
                .Select(c => new CourseRef(c.Id, c.Title, c.Slug)).SingleOrDefaultAsync(cancellationToken);
            if (course is null)
            {
                continue;
            }

            var required = (await reader.FindPublishedAsync(course.Id, cancellationToken))?.Snapshot.RequiredKeys.Count ?? 0;
            var due = Due(assignment);
            foreach (var chunk in users.Chunk(SyncChunk))
            {
                added += await EnrolChunkAsync(chunk, assignment.Id, course, due, required, cancellationToken);
            }
        }

        return added;
    }

    private const int SyncChunk = 1000;

    private static LearningEvent Registered(string userId, int courseId, string title) =>
        new(LearningVerbs.Registered, userId, LearningActivityTypes.Course, courseId.ToString(System.Globalization.CultureInfo.InvariantCulture), title) { CourseId = courseId };

    private sealed record CourseRef(int Id, string Title, string Slug);

    /// <summary>
    /// Enrols the chunk's cadres who are not enrolled (or were withdrawn), notifying each, in one transaction. A concurrent sync
    /// that enrolled one of them first breaks the unique (user, course) index: the chunk is read again and retried.
    /// </summary>
    private async Task<int> EnrolChunkAsync(string[] chunk, int assignmentId, CourseRef course, DateTime? due, int required, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InTransactionAsync(async ct =>
                {
                    var existing = await db.Set<Enrollment>().Where(e => e.CourseId == course.Id && chunk.Contains(e.UserId)).ToDictionaryAsync(e => e.UserId, ct);
                    var now = clock.GetUtcNow().UtcDateTime;
                    var fresh = new List<Enrollment>();
                    var registered = new List<LearningEvent>();
                    var enrolled = 0;
                    foreach (var userId in chunk)
                    {
                        DateTime? dueOfCadre;
                        if (existing.TryGetValue(userId, out var enrollment))
                        {
                            if (enrollment.WithdrawnUtc is null)
                            {
                                continue;
                            }

                            // Re-assigned after a withdrawal: back in "My learning", with the progress kept.
                            enrollment.WithdrawnUtc = null;
                            enrollment.AssignmentId = assignmentId;
                            enrollment.DueUtc = due ?? enrollment.DueUtc;
                            dueOfCadre = enrollment.DueUtc;
                        }
                        else
                        {
                            fresh.Add(new Enrollment
                            {
                                UserId = userId,
                                CourseId = course.Id,
                                Source = EnrollmentSource.Assigned,
                                AssignmentId = assignmentId,
                                DueUtc = due,
                                EnrolledUtc = now,
                                RequiredLessons = required,
                            });
                            dueOfCadre = due;
                        }

                        notifier.Notify(CourseNotices.Assigned(userId, course.Id, course.Title, course.Slug, dueOfCadre));
                        registered.Add(Registered(userId, course.Id, course.Title));
                        enrolled++;
                    }

                    db.AddRange(fresh);
                    await events.RecordManyAsync(registered, ct);
                    await db.SaveChangesAsync(ct);
                    return enrolled;
                }, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3 && db.Database.CurrentTransaction is null)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Removes a standing assignment. Enrolments it brought in are withdrawn (history and progress stay) unless completed.</summary>
    public async Task RemoveAssignmentAsync(CourseAssignment assignment, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        assignment.RemovedUtc = now;
        await db.Set<Enrollment>()
            .Where(e => e.AssignmentId == assignment.Id && e.CompletedUtc == null && e.WithdrawnUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.WithdrawnUtc, now), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<CadreFilter?> FilterAsync(CourseAssignment assignment, CancellationToken cancellationToken)
    {
        switch (assignment.Target)
        {
            case AssignmentTarget.Cadre:
                return new CadreFilter(Email: assignment.Value);
            case AssignmentTarget.Unit:
                var unit = assignment.Value is null ? null : await cadres.FindUnitAsync(assignment.Value, cancellationToken);
                return unit is null ? null : new CadreFilter(UnderPath: unit.Path);
            case AssignmentTarget.Position:
                return new CadreFilter(Position: assignment.Value);
            case AssignmentTarget.TransferredWithinMonths:
                var months = int.TryParse(assignment.Value, out var m) ? m : 6;
                var since = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddMonths(-months));
                return new CadreFilter(JoinedOnOrAfter: since, TransferredOnly: true);
            case AssignmentTarget.AccountingOfficers:
                return new CadreFilter(AccountingOfficersOnly: true);
            default:
                return null;
        }
    }

    /// <summary>Due at the end of the day, in the viewer's zone (23:59 in Vietnam), <c>DueDays</c> after enrolment.</summary>
    private DateTime? Due(CourseAssignment assignment)
    {
        if (assignment.DueUtc is { } fixedDue || assignment.DueDays is not { } days)
        {
            return assignment.DueUtc;
        }

        var localEnd = LocalTime.ToLocal(clock.GetUtcNow().UtcDateTime).Date.AddDays(days + 1).AddMinutes(-1);
        return LocalTime.ToUtc(localEnd);
    }

    private async Task<bool> AddAsync(string userId, int courseId, EnrollmentSource source, int? assignmentId, DateTime? due, CancellationToken cancellationToken)
    {
        var existing = await db.Set<Enrollment>().SingleOrDefaultAsync(e => e.UserId == userId && e.CourseId == courseId, cancellationToken);
        if (existing is not null)
        {
            // Re-assigned after a withdrawal: back in "My learning", with the progress kept.
            existing.WithdrawnUtc = null;
            existing.AssignmentId = assignmentId ?? existing.AssignmentId;
            existing.DueUtc = due ?? existing.DueUtc;
            await events.RecordAsync(Registered(userId, courseId, (await reader.FindPublishedAsync(courseId, cancellationToken))?.Snapshot.Title ?? ""), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }

        var published = await reader.FindPublishedAsync(courseId, cancellationToken);
        db.Add(new Enrollment
        {
            UserId = userId,
            CourseId = courseId,
            Source = source,
            AssignmentId = assignmentId,
            DueUtc = due,
            EnrolledUtc = clock.GetUtcNow().UtcDateTime,
            RequiredLessons = published?.Snapshot.RequiredKeys.Count ?? 0,
        });
        await events.RecordAsync(Registered(userId, courseId, published?.Snapshot.Title ?? ""), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
