using System.Runtime.CompilerServices;
using Learning.Courses;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;

namespace Learning.Reports.Services.Completion;

/// <summary>
/// The completion report as EF-translated SQL on a read context: cadres (where they are now, inside the scope) joined to their
/// active enrolments (or, for a path, their enrolments in the path's courses grouped per cadre) and their best quiz scores.
/// <see cref="GroupsAsync"/> reads those rows once and counts them, averages and medians included, in a <see cref="GroupTally"/>,
/// identical on SQLite and PostgreSQL.
/// </summary>
internal sealed class CompletionReport(IReadDbContextFactory contexts, ICourseReportRows courses, IOrganizationReportRows organization,
    IQuizScoreRows quizScores, TimeProvider clock) : ICompletionReport
{
    private const int NotStarted = 0, InProgress = 1, Completed = 2, Late = FactStatus.Late;

    public async Task<IReadOnlyList<CompletionGroup>> GroupsAsync(OrgScope scope, ReportFilter filter, CancellationToken ct = default)
    {
        await using var db = contexts.CreateStreamingDbContext(); // one pass over the scoped, filtered rows, tallied as they arrive
        await db.Database.OpenConnectionAsync(ct); // three queries on one connection, not three trips to the pool
        var byCourse = filter.By == ReportBreakdown.Course;
        GroupTally tally;
        if (byCourse)
        {
            if (!Admissible(scope, filter) || filter.PathId is not null)
            {
                return [];
            }

            tally = GroupTally.ByCourse(filter.UnderPath);
        }
        else
        {
            var (list, selfId) = await GroupListAsync(db, scope, filter, ct);
            if (list.Count == 0)
            {
                return [];
            }

            tally = new GroupTally(list, selfId, filter.UnderPath);
        }

        // One read, counted in memory, the same on SQLite and PostgreSQL (ADR-026): a GROUP BY in the database would need a CASE over the
        // page's unit paths for the group key (SQLite has no APPLY for a join on a path prefix) and a second pass for the medians
        // (bench/README.md, reports: the two passes and the CASE were what the province's one-course report paid over its floor).
        // The cadres linked to their account and the others are read apart (a sum needs no order): the first query is a plain
        // join the planner estimates from the columns' statistics, as the hand-written floor is (IOrganizationReportRows.LinkedCadres).
        var cadreScope = CadreScope(scope, filter);
        foreach (var cadres in new[] { organization.LinkedCadres(db, cadreScope), organization.MatchedCadres(db, cadreScope) })
        {
            var rows = (await FactsAsync(db, cadres, scope, filter, ct))
                .Select(f => new TallyRow { OrgPath = f.OrgPath, ItemId = f.ItemId, Status = f.Status, Score = f.Score, EnrolledUtc = f.EnrolledUtc, CompletedUtc = f.CompletedUtc });
            await foreach (var x in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                tally.Count(x.OrgPath, x.ItemId, x.Status, x.Score, x.EnrolledUtc, x.CompletedUtc);
            }
        }

        if (byCourse)
        {
            tally.Name(await courses.Courses(db).Select(c => new { c.Id, c.Title }).ToDictionaryAsync(c => c.Id, c => c.Title, ct));
        }

        return tally.Groups();
    }

    public async Task<GroupTally> TallyAsync(OrgScope scope, ReportFilter filter, CancellationToken ct = default)
    {
        if (filter.By == ReportBreakdown.Course)
        {
            return Admissible(scope, filter) && filter.PathId is null ? GroupTally.ByCourse(filter.UnderPath) : GroupTally.None;
        }

        await using var db = contexts.CreateDbContext();
        var (list, selfId) = await GroupListAsync(db, scope, filter, ct);
        return list.Count == 0 ? GroupTally.None : new GroupTally(list, selfId, filter.UnderPath);
    }

    /// <summary>The units that are the report's groups, by name, and the id of the unit being broken down (-1: none).</summary>
    private async Task<(List<OrgUnitRow> Units, int SelfId)> GroupListAsync(LearningDbContext db, OrgScope scope, ReportFilter filter, CancellationToken ct)
    {
        var (units, selfId) = GroupUnits(db, scope, filter);
        return units is null ? ([], selfId) : (await units.OrderBy(u => u.Name).ThenBy(u => u.Id).ToListAsync(ct), selfId);
    }

    public async IAsyncEnumerable<CadreRow> CadresAsync(OrgScope scope, ReportFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = contexts.CreateStreamingDbContext(); // an export's rows, written as they arrive
        if (!Admissible(scope, filter))
        {
            yield break;
        }

        var facts = await FactsAsync(db, await OrderedCadresAsync(db, scope, filter, ct), scope, filter, ct);
        string? pathTitle = null;
        if (filter.PathId is { } pathId)
        {
            pathTitle = await courses.Paths(db).Where(p => p.Id == pathId).Select(p => p.Title).FirstOrDefaultAsync(ct) ?? "";
        }

        var rows = from f in facts
                   join c in courses.Courses(db) on f.ItemId equals c.Id into titles
                   from c in titles.DefaultIfEmpty()
                   orderby f.OrgPath, f.FullName, f.CadreId, f.ItemId
                   select new { f, Title = c == null ? null : c.Title };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var f = r.f;
            yield return new CadreRow(f.CadreId, f.UserId, f.FullName, f.Email, f.Position, f.UnitName, f.OrgPath, f.ItemId,
                pathTitle ?? r.Title ?? "", FactStatus.Place(f.Status), f.CompletedLessons, f.RequiredLessons, Utc(f.EnrolledUtc), Utc(f.DueUtc),
                Utc(f.CompletedUtc), f.Score) { Overdue = FactStatus.IsLate(f.Status) };
        }
    }

    public async IAsyncEnumerable<DateTime> CompletionTimesAsync(OrgScope scope, ReportFilter filter, DateTime sinceUtc, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = contexts.CreateStreamingDbContext();
        filter = filter with { Status = LearnerStatus.Completed };
        if (!Admissible(scope, filter))
        {
            yield break;
        }

        var facts = await FactsAsync(db, BothBranches(db, scope, filter), scope, filter, ct);
        await foreach (var done in facts.Where(f => f.CompletedUtc >= sinceUtc).Select(f => f.CompletedUtc).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (done is { } value)
            {
                yield return Utc(value);
            }
        }
    }

    public async Task<int> CountCadresAsync(OrgScope scope, ReportFilter filter, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        if (!Admissible(scope, filter))
        {
            return 0;
        }

        return await (await FactsAsync(db, BothBranches(db, scope, filter), scope, filter, ct)).CountAsync(ct);
    }

    /// <summary>The units to report one row each: the children of filter.UnderPath and that unit itself (its own cadres), or the
    /// top of the scope. Null when the filter leaves the scope or makes no sense.</summary>
    private (IQueryable<OrgUnitRow>? Units, int SelfId) GroupUnits(LearningDbContext db, OrgScope scope, ReportFilter filter)
    {
        if (!Admissible(scope, filter))
        {
            return (null, -1);
        }

        var all = organization.Units(db, OrgScope.Everything);
        if (filter.UnderPath is { } under)
        {
            var id = ReportFilter.LastUnitId(under);
            return (all.Where(u => (u.ParentId == id || u.Id == id) && u.Path.StartsWith(under)), id);
        }

        if (scope.Unrestricted)
        {
            return (all.Where(u => u.ParentId == null), -1);
        }

        // The scope's own units; one inside another (a province and one of its communes) counts once, under the outer one.
        var tops = scope.Paths.Where(p => ReportFilter.IsOrgPath(p) && !scope.Paths.Any(o => o != p && p.StartsWith(o, StringComparison.Ordinal)))
            .Select(ReportFilter.LastUnitId).Distinct().ToList();
        return (all.Where(u => tops.Contains(u.Id)), -1);
    }

    private static bool Admissible(OrgScope scope, ReportFilter filter) =>
        (filter.CourseId is null || filter.PathId is null)
        && (filter.UnderPath is null || (ReportFilter.IsOrgPath(filter.UnderPath) && scope.Contains(filter.UnderPath)));

    /// <summary>The scope to read cadres in: the unit being broken down when there is one (Admissible checks it is inside the
    /// scope): one prefix condition, not the scope's and the unit's both, whose selectivities PostgreSQL would multiply into an
    /// estimate of a few rows.</summary>
    private static OrgScope CadreScope(OrgScope scope, ReportFilter filter) =>
        filter.UnderPath is { } under && Admissible(scope, filter) ? new OrgScope(false, [under]) : scope;

    /// <summary>The cadres as one UNION ALL of the linked and the e-mail-matched (what <see cref="IOrganizationReportRows.Cadres"/>
    /// is), sorted by the database: the rows of an export (200,058 of them in 9.1 s, against 12.4 s through the single query with
    /// the COALESCE key, in the same quiet run).</summary>
    private IQueryable<CadreReportRow> BothBranches(LearningDbContext db, OrgScope scope, ReportFilter filter) =>
        organization.Cadres(db, CadreScope(scope, filter));

    /// <summary>
    /// The cadres of a read that must come as one sorted stream (an export's rows): the linked ones alone when no cadre of the
    /// scope is waiting to be linked to the account of their e-mail (nearly always), else both branches as one UNION ALL. A join
    /// from the linked cadres alone is planned from the columns' statistics, which the UNION hides: PostgreSQL then hashes the
    /// filtered cadres rather than every enrolment of the site (a province's 200,019 rows of the bench: 3.5–3.9 s to the last
    /// row in psql against 4.2–5.6 s).
    /// </summary>
    private async Task<IQueryable<CadreReportRow>> OrderedCadresAsync(LearningDbContext db, OrgScope scope, ReportFilter filter, CancellationToken ct)
    {
        var cadreScope = CadreScope(scope, filter);
        return await organization.MatchedCadres(db, cadreScope).AnyAsync(c => c.UserId != null, ct)
            ? organization.Cadres(db, cadreScope)
            : organization.LinkedCadres(db, cadreScope);
    }

    /// <summary>One row per cadre of <paramref name="cadres"/> (the scope's, inside the filter) and course, or per cadre and path.</summary>
    private async Task<IQueryable<Fact>> FactsAsync(LearningDbContext db, IQueryable<CadreReportRow> cadres, OrgScope scope, ReportFilter filter, CancellationToken ct)
    {
        if (!Admissible(scope, filter))
        {
            cadres = cadres.Where(c => false);
        }

        if (filter.Position is { } position)
        {
            cadres = cadres.Where(c => c.Position == position);
        }

        if (filter.TransferredFrom is { } tf)
        {
            cadres = cadres.Where(c => c.TransferredFrom != null && c.JoinedCommuneOn >= tf);
        }

        if (filter.TransferredTo is { } tt)
        {
            cadres = cadres.Where(c => c.TransferredFrom != null && c.JoinedCommuneOn <= tt);
        }

        if (filter.AccountingOfficers is { } accounting)
        {
            cadres = cadres.Where(c => c.IsAccountingOfficer == accounting);
        }

        if (filter.UnitId is { } unitId)
        {
            cadres = cadres.Where(c => c.UnitId == unitId);
        }

        // The best score per enrolment as a correlated MAX (an index probe on the attempts' user and course), not a GROUP BY over
        // every attempt of the site joined afterwards (bench/README.md: that aggregate dominated a province's report).
        var attempts = quizScores.GradedAttempts(db);
        var enrolments = from e in courses.Enrollments(db)
                         select new Item
                         {
                             UserId = e.UserId,
                             ItemId = e.CourseId,
                             EnrolledUtc = e.EnrolledUtc,
                             DueUtc = e.DueUtc,
                             CompletedUtc = e.CompletedUtc,
                             LastActivityUtc = e.LastActivityUtc,
                             CompletedLessons = e.CompletedLessons,
                             RequiredLessons = e.RequiredLessons,
                             Score = attempts.Where(a => a.UserId == e.UserId && a.CourseId == e.CourseId).Max(a => (double?)a.BestPercent),
                         };
        IQueryable<Item> items;
        if (filter.PathId is { } pathId)
        {
            // A cadre on a path: enrolled in any of its courses; completed when every course of the path is; due by the latest due
            // date of its courses; the score is the average of the course scores.
            var pathCourses = courses.PathCourses(db).Where(pc => pc.PathId == pathId);
            var total = await pathCourses.Select(pc => pc.CourseId).Distinct().CountAsync(ct);
            items = from e in enrolments
                    where pathCourses.Any(pc => pc.CourseId == e.ItemId)
                    group e by e.UserId into g
                    select new Item
                    {
                        UserId = g.Key,
                        ItemId = pathId,
                        EnrolledUtc = g.Min(x => x.EnrolledUtc),
                        DueUtc = g.Max(x => x.DueUtc),
                        CompletedUtc = g.Count(x => x.CompletedUtc != null) == total ? g.Max(x => x.CompletedUtc) : null,
                        LastActivityUtc = g.Max(x => x.LastActivityUtc),
                        CompletedLessons = g.Sum(x => x.CompletedLessons),
                        RequiredLessons = g.Sum(x => x.RequiredLessons),
                        Score = g.Average(x => x.Score),
                    };
        }
        else
        {
            items = filter.CourseId is { } courseId ? enrolments.Where(e => e.ItemId == courseId) : enrolments;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var facts = from c in cadres
                    join i in items on c.UserId equals i.UserId
                    select new Fact
                    {
                        CadreId = c.CadreId,
                        UserId = c.UserId,
                        FullName = c.FullName,
                        Email = c.Email,
                        Position = c.Position,
                        UnitName = c.UnitName,
                        OrgPath = c.OrgPath,
                        ItemId = i.ItemId,
                        EnrolledUtc = i.EnrolledUtc,
                        DueUtc = i.DueUtc,
                        CompletedUtc = i.CompletedUtc,
                        CompletedLessons = i.CompletedLessons,
                        RequiredLessons = i.RequiredLessons,
                        Score = i.Score,
                        Status = i.CompletedUtc != null ? Completed
                            : (i.CompletedLessons == 0 && i.LastActivityUtc == null ? NotStarted : InProgress) + (i.DueUtc != null && i.DueUtc < now ? Late : 0),
                    };

        if (filter.DueFrom is { } df)
        {
            var from = LocalTime.ToUtc(df.ToDateTime(TimeOnly.MinValue));
            facts = facts.Where(f => f.DueUtc != null && f.DueUtc >= from);
        }

        if (filter.DueTo is { } dt)
        {
            var before = LocalTime.ToUtc(dt.AddDays(1).ToDateTime(TimeOnly.MinValue));
            facts = facts.Where(f => f.DueUtc != null && f.DueUtc < before);
        }

        if (filter.Status is { } status)
        {
            var wanted = (int)status;
            facts = status switch
            {
                LearnerStatus.Overdue => facts.Where(f => f.Status >= Late),
                LearnerStatus.Completed => facts.Where(f => f.Status == Completed),
                _ => facts.Where(f => f.Status == wanted || f.Status == wanted + Late), // overdue or not
            };
        }

        return facts;
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    private sealed class Item
    {
        public string UserId { get; init; } = "";

        public int ItemId { get; init; }

        public DateTime EnrolledUtc { get; init; }

        public DateTime? DueUtc { get; init; }

        public DateTime? CompletedUtc { get; init; }

        public DateTime? LastActivityUtc { get; init; }

        public int CompletedLessons { get; init; }

        public int RequiredLessons { get; init; }

        public double? Score { get; init; }
    }

    private sealed class TallyRow
    {
        public string OrgPath { get; init; } = "/";

        public int ItemId { get; init; }

        public int Status { get; init; }

        public double? Score { get; init; }

        public DateTime EnrolledUtc { get; init; }

        public DateTime? CompletedUtc { get; init; }
    }

    private sealed class Fact
    {
        public int CadreId { get; init; }

        public string? UserId { get; init; }

        public string FullName { get; init; } = "";

        public string Email { get; init; } = "";

        public string Position { get; init; } = "";

        public string UnitName { get; init; } = "";

        public string OrgPath { get; init; } = "/";

        public int ItemId { get; init; }

        public DateTime EnrolledUtc { get; init; }

        public DateTime? DueUtc { get; init; }

        public DateTime? CompletedUtc { get; init; }

        public int CompletedLessons { get; init; }

        public int RequiredLessons { get; init; }

        public double? Score { get; init; }

        public int Status { get; init; }
    }
}
