using Learning.Courses;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Learning.Reports.Services.Api;

/// <summary>One cadre on one course. <see cref="Status"/>: notStarted, inProgress or completed (as the completion report counts
/// them); <see cref="Overdue"/>: not completed and the due date has passed (a mark on a notStarted or inProgress row). Scores and progress are percents.
/// <see cref="Simulated"/>: the demo recipe's demonstration data, not real learning (a warehouse leaves it out).</summary>
public sealed record ApiCompletionRow(int CadreId, string? UserId, string FullName, string Email, string Position, string UnitName, string OrgPath,
    int CourseId, string CourseTitle, string Status, bool Overdue, DateTime EnrolledAt, DateTime? StartedAt, DateTime? LastActivityAt,
    DateTime? CompletedAt, DateTime? DueAt, int CompletedLessons, int RequiredLessons, double ProgressPercent, double? BestScore, DateTime ChangedAt,
    bool Simulated);

/// <summary>A completion row that is gone: the cadre's enrolment on the course was withdrawn at <see cref="WithdrawnAt"/>
/// (a warehouse deletes its row by the key, unless a later completion pull brought it back).</summary>
public sealed record ApiWithdrawalRow(int CadreId, string? UserId, int CourseId, DateTime WithdrawnAt);

/// <summary>One cadre's digital-signature readiness (state in camelCase: notStarted … expired) and its dates.</summary>
public sealed record ApiReadinessRow(int CadreId, string FullName, string Position, string UnitName, string OrgPath, string State,
    int RequiredCourses, int CompletedCourses, DateTime? TrainingStartedAt, DateTime? ReadyAt, DateTime? RequestedAt, DateTime? ReturnedAt,
    DateOnly? ValidFrom, DateOnly? ValidTo, DateTime? IssuedRecordedAt, DateTime? ChangedAt);

/// <summary>One cadre's training hours in a year (completed courses' declared hours, by the site's calendar) against the target of
/// their position (null: none set).</summary>
public sealed record ApiHoursRow(int CadreId, string FullName, string Position, string UnitName, string OrgPath, int Year, double Hours,
    double? TargetHours, bool? Met, DateTime? ChangedAt);

public sealed record ApiPage<T>(IReadOnlyList<T> Rows, bool HasMore);

/// <summary>
/// The rows of the JSON reporting API, each page one query on a read context: the client's scope and every filter WHERE clauses,
/// keyset-paged by (cadre id, course id) or cadre id. Readiness is computed by the certificates module for the whole scope and
/// paged here.
/// </summary>
public sealed class ReportsApiReads(IReadDbContextFactory contexts, ICourseReportRows courses, IOrganizationReportRows organization,
    IQuizScoreRows quizzes, ICadreReadinessRows readiness, IMemoryCache cache, TimeProvider clock)
{
    public async Task<ApiPage<ApiCompletionRow>> CompletionAsync(ApiReportQuery query, string scopePath, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = quizzes.Attempts(db);
        var graded = quizzes.GradedAttempts(db);
        var progress = courses.LessonProgress(db);
        var enrolments = courses.Enrollments(db);
        if (query.CourseId is { } courseId)
        {
            enrolments = enrolments.Where(e => e.CourseId == courseId);
        }

        var rows = from c in Cadres(db, query, scopePath)
                   join e in enrolments on c.UserId equals e.UserId
                   join k in courses.Courses(db) on e.CourseId equals k.Id
                   select new
                   {
                       c.CadreId, c.UserId, c.FullName, c.Email, c.Position, c.UnitName, c.OrgPath,
                       e.CourseId, k.Title, e.EnrolledUtc, e.DueUtc, e.CompletedUtc, e.LastActivityUtc, e.CompletedLessons, e.RequiredLessons, e.Simulated,
                       StartedUtc = progress.Where(p => p.UserId == e.UserId && p.CourseId == e.CourseId).Min(p => (DateTime?)p.FirstOpenedUtc),
                       Best = graded.Where(a => a.UserId == e.UserId && a.CourseId == e.CourseId).Max(a => (double?)a.BestPercent),
                       AttemptUtc = attempts.Where(a => a.UserId == e.UserId && a.CourseId == e.CourseId).Max(a => (DateTime?)a.ChangedUtc),
                   };

        // Changed: the latest of enrolled, first lesson opened, last activity, completed, a quiz attempt's start, submission or
        // grading, and the due date once it has passed uncompleted (the row turned overdue then).
        if (query.ChangedSinceUtc is { } s)
        {
            rows = rows.Where(r => r.EnrolledUtc >= s || r.StartedUtc >= s || r.LastActivityUtc >= s || r.CompletedUtc >= s || r.AttemptUtc >= s
                || (r.CompletedUtc == null && r.DueUtc >= s && r.DueUtc <= now));
        }

        if (query.ChangedUntilUtc is { } u)
        {
            rows = rows.Where(r => r.EnrolledUtc < u && (r.StartedUtc == null || r.StartedUtc < u) && (r.LastActivityUtc == null || r.LastActivityUtc < u)
                && (r.CompletedUtc == null || r.CompletedUtc < u) && (r.AttemptUtc == null || r.AttemptUtc < u)
                && (r.CompletedUtc != null || r.DueUtc == null || r.DueUtc > now || r.DueUtc < u));
        }

        if (query.AfterCadre is { } afterCadre)
        {
            var afterCourse = query.AfterCourse;
            rows = rows.Where(r => r.CadreId > afterCadre || (r.CadreId == afterCadre && r.CourseId > afterCourse));
        }

        var list = await rows.OrderBy(r => r.CadreId).ThenBy(r => r.CourseId).Take(query.Limit + 1).ToListAsync(ct);
        var page = list.Take(query.Limit).Select(r =>
        {
            var overdue = r.CompletedUtc == null && r.DueUtc is { } due && due < now;
            var status = r.CompletedUtc != null ? "completed" : r.CompletedLessons == 0 && r.LastActivityUtc == null ? "notStarted" : "inProgress";
            var percent = r.CompletedUtc != null ? 100.0 : r.RequiredLessons <= 0 ? 0.0 : Math.Round(100.0 * Math.Min(r.CompletedLessons, r.RequiredLessons) / r.RequiredLessons, 1);
            DateTime?[] times = [r.EnrolledUtc, r.StartedUtc, r.LastActivityUtc, r.CompletedUtc, r.AttemptUtc, overdue ? r.DueUtc : null];
            return new ApiCompletionRow(r.CadreId, r.UserId, r.FullName, r.Email, r.Position, r.UnitName, r.OrgPath, r.CourseId, r.Title, status, overdue,
                Utc(r.EnrolledUtc), Utc(r.StartedUtc), Utc(r.LastActivityUtc), Utc(r.CompletedUtc), Utc(r.DueUtc), r.CompletedLessons, r.RequiredLessons,
                percent, r.Best is { } b ? Math.Round(b, 2) : null, Utc(times.Max()!.Value), r.Simulated);
        }).ToList();
        return new ApiPage<ApiCompletionRow>(page, list.Count > query.Limit);
    }

    /// <summary>The withdrawn enrolments of the scope's cadres (keyed as completion rows), withdrawn inside the changed range.</summary>
    public async Task<ApiPage<ApiWithdrawalRow>> WithdrawalsAsync(ApiReportQuery query, string scopePath, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var withdrawals = courses.Withdrawals(db);
        if (query.CourseId is { } courseId)
        {
            withdrawals = withdrawals.Where(w => w.CourseId == courseId);
        }

        if (query.ChangedSinceUtc is { } s)
        {
            withdrawals = withdrawals.Where(w => w.WithdrawnUtc >= s);
        }

        if (query.ChangedUntilUtc is { } u)
        {
            withdrawals = withdrawals.Where(w => w.WithdrawnUtc < u);
        }

        var rows = from c in Cadres(db, query, scopePath)
                   join w in withdrawals on c.UserId equals w.UserId
                   select new { c.CadreId, c.UserId, w.CourseId, w.WithdrawnUtc };
        if (query.AfterCadre is { } afterCadre)
        {
            var afterCourse = query.AfterCourse;
            rows = rows.Where(r => r.CadreId > afterCadre || (r.CadreId == afterCadre && r.CourseId > afterCourse));
        }

        var list = await rows.OrderBy(r => r.CadreId).ThenBy(r => r.CourseId).Take(query.Limit + 1).ToListAsync(ct);
        return new ApiPage<ApiWithdrawalRow>([.. list.Take(query.Limit).Select(r => new ApiWithdrawalRow(r.CadreId, r.UserId, r.CourseId, Utc(r.WithdrawnUtc)))], list.Count > query.Limit);
    }

    public async Task<ApiPage<ApiReadinessRow>> ReadinessAsync(ApiReportQuery query, string scopePath, CancellationToken ct)
    {
        if (query.Under is { } under && !under.StartsWith(scopePath, StringComparison.Ordinal))
        {
            return new ApiPage<ApiReadinessRow>([], false);
        }

        // Readiness is derived for the whole scope at once (the certificates module's board): computed on a session's first
        // page and kept for its next pages on this node, not once per page (a province of 5,902 cadres took 1.7 s a page).
        var path = query.Under ?? scopePath;
        IEnumerable<CadreReadinessFact> facts = query.Snapshot is { } snapshot
            ? (await cache.GetOrCreateAsync(("reports.api.readiness", snapshot, path), entry =>
            {
                entry.SlidingExpiration = TimeSpan.FromMinutes(2);
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(30);
                return readiness.ListAsync(false, [path], ct);
            }))!
            : await readiness.ListAsync(false, [path], ct);
        if (query.ChangedSinceUtc is { } s)
        {
            facts = facts.Where(f => f.ChangedUtc >= s);
        }

        if (query.ChangedUntilUtc is { } u)
        {
            facts = facts.Where(f => f.ChangedUtc is null || f.ChangedUtc < u);
        }

        if (query.AfterCadre is { } after)
        {
            facts = facts.Where(f => f.CadreId > after);
        }

        var list = facts.OrderBy(f => f.CadreId).Take(query.Limit + 1).ToList();
        var pageFacts = list.Take(query.Limit).ToList();
        var ids = pageFacts.Select(f => f.CadreId).ToList();
        await using var db = contexts.CreateDbContext();
        var cadres = await Cadres(db, query, scopePath).Where(c => ids.Contains(c.CadreId)).ToDictionaryAsync(c => c.CadreId, ct);
        var page = pageFacts.Where(f => cadres.ContainsKey(f.CadreId)).Select(f =>
        {
            var c = cadres[f.CadreId];
            return new ApiReadinessRow(f.CadreId, c.FullName, c.Position, c.UnitName, c.OrgPath, char.ToLowerInvariant(f.State[0]) + f.State[1..],
                f.RequiredCount, f.CompletedCount, f.TrainingStartedUtc, f.ReadyUtc, f.RequestedUtc, f.ReturnedUtc, f.ValidFrom, f.ValidTo,
                f.IssuedRecordedUtc, f.ChangedUtc);
        }).ToList();
        return new ApiPage<ApiReadinessRow>(page, list.Count > query.Limit);
    }

    public async Task<ApiPage<ApiHoursRow>> HoursAsync(ApiReportQuery query, string scopePath, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var year = query.Year;
        var start = LocalTime.ToUtc(new DateTime(year, 1, 1));
        var end = LocalTime.ToUtc(new DateTime(year + 1, 1, 1));
        var enrolments = courses.Enrollments(db).Where(e => e.CompletedUtc >= start && e.CompletedUtc < end);
        var catalogue = courses.Courses(db);
        var targets = db.Set<HourTarget>().Where(t => t.Year == year);
        var rows = from c in Cadres(db, query, scopePath)
                   join t in targets on c.Position equals t.Position into ts
                   from t in ts.DefaultIfEmpty()
                   select new
                   {
                       c.CadreId, c.FullName, c.Position, c.UnitName, c.OrgPath,
                       Hours = enrolments.Where(e => e.UserId == c.UserId).Join(catalogue, e => e.CourseId, k => k.Id, (e, k) => (double)k.EstimatedHours).Sum(),
                       LastCompletedUtc = enrolments.Where(e => e.UserId == c.UserId).Max(e => e.CompletedUtc),
                       Target = t == null ? null : (double?)t.Hours,
                       TargetUpdatedUtc = t == null ? null : (DateTime?)t.UpdatedUtc,
                   };

        // Changed: the latest completion counted in the year, or the position's target for the year being set.
        if (query.ChangedSinceUtc is { } s)
        {
            rows = rows.Where(r => r.LastCompletedUtc >= s || r.TargetUpdatedUtc >= s);
        }

        if (query.ChangedUntilUtc is { } u)
        {
            rows = rows.Where(r => (r.LastCompletedUtc == null || r.LastCompletedUtc < u) && (r.TargetUpdatedUtc == null || r.TargetUpdatedUtc < u));
        }

        if (query.AfterCadre is { } after)
        {
            rows = rows.Where(r => r.CadreId > after);
        }

        var list = await rows.OrderBy(r => r.CadreId).Take(query.Limit + 1).ToListAsync(ct);
        var page = list.Take(query.Limit).Select(r =>
        {
            var changed = r.LastCompletedUtc is { } l && (r.TargetUpdatedUtc is not { } tu || l >= tu) ? l : r.TargetUpdatedUtc;
            return new ApiHoursRow(r.CadreId, r.FullName, r.Position, r.UnitName, r.OrgPath, year, Math.Round(r.Hours, 2), r.Target,
                r.Target is { } target ? r.Hours >= target : null, Utc(changed));
        }).ToList();
        return new ApiPage<ApiHoursRow>(page, list.Count > query.Limit);
    }

    /// <summary>The client's cadres, narrowed to <see cref="ApiReportQuery.Under"/> when it lies inside the scope (else none).</summary>
    private IQueryable<CadreReportRow> Cadres(LearningDbContext db, ApiReportQuery query, string scopePath)
    {
        var cadres = organization.Cadres(db, new OrgScope(false, [scopePath]));
        if (query.Under is { } under)
        {
            cadres = under.StartsWith(scopePath, StringComparison.Ordinal) ? cadres.Where(c => c.OrgPath.StartsWith(under)) : cadres.Where(c => false);
        }

        return cadres;
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
