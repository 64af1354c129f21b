using System.Globalization;
using System.Runtime.CompilerServices;
using Learning.Courses;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Learning.Reports.Services.Completion;

/// <summary>One course (or path) line of a cadre's record.</summary>
public sealed record CadreCourseLine(int CourseId, string Title, LearnerStatus Status, int CompletedLessons, int RequiredLessons,
    DateTime EnrolledUtc, DateTime? DueUtc, DateTime? CompletedUtc, double? BestScore, decimal Hours)
{
    /// <summary>The demo recipe's simulated enrolment, not real learning.</summary>
    public bool Simulated { get; init; }

    /// <summary>Not completed and the due date has passed.</summary>
    public bool Overdue { get; init; }
}

/// <summary>One video lesson of a course the cadre is enrolled in: unique seconds watched (from the player's heartbeats) of the
/// video's duration; null watched: never played. <see cref="DurationSeconds"/> is 0 when the video is missing or not processed.</summary>
public sealed record CadreVideoLine(int CourseId, string CourseTitle, string LessonTitle, int? WatchedSeconds, double DurationSeconds, DateTime? CompletedUtc, DateTime? LastWatchedUtc)
{
    public double? Percent => WatchedSeconds is { } w && DurationSeconds > 0 ? Math.Min(100, 100.0 * w / DurationSeconds) : null;
}

/// <summary>One lesson of a course the cadre is enrolled in (as authored now; kind from LessonKinds), with when they first opened and completed it.</summary>
public sealed record CadreLessonLine(int CourseId, string CourseTitle, string LessonTitle, string Kind, DateTime? FirstOpenedUtc, DateTime? CompletedUtc);

/// <summary>One quiz attempt: state InProgress, NeedsGrading or Finished; score in percent once graded.</summary>
public sealed record CadreAttemptLine(string QuizTitle, string? CourseTitle, int Number, string State, double? Percent, bool Passed, DateTime StartedUtc, DateTime? SubmittedUtc);

public sealed record CadreRecordView(CadreReportRow Cadre, IReadOnlyList<CadreCourseLine> Courses)
{
    public IReadOnlyList<CadreVideoLine> Videos { get; init; } = [];

    /// <summary>Whether the site tracks videos (the media module is on); without it the record has no video section.</summary>
    public bool VideosTracked { get; init; } = true;

    /// <summary>Every lesson of their courses, in course order, at most <see cref="ReportReads.MaxLessonLines"/>.</summary>
    public IReadOnlyList<CadreLessonLine> Lessons { get; init; } = [];

    public IReadOnlyList<CadreAttemptLine> Attempts { get; init; } = [];
}

/// <summary>
/// What the hours report shows: a year (site time), the cadres under a unit (inside the caller's scope) and of a position, and
/// with <paramref name="BelowTarget"/> only those whose position has a target for the year that they have not reached.
/// </summary>
public sealed record HoursFilter(int Year, string? UnderPath = null, string? Position = null, bool BelowTarget = false)
{
    /// <summary>The filter a query string states (<c>under</c>, <c>position</c>, <c>below=true</c>), for <paramref name="year"/>:
    /// the hours export's request, or a saved hours report's query.</summary>
    public static HoursFilter Parse(IQueryCollection query, int year)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Text(string key) => query[key].ToString() is { Length: > 0 } value ? value : null;
        return new HoursFilter(year, Text("under"), Text("position"), query["below"] == "true");
    }

    /// <summary>The same from a stored query string (a saved hours report's), with or without its <c>?</c>, as
    /// <see cref="ReportFilter.Parse(string)"/> reads a saved completion report's.</summary>
    public static HoursFilter Parse(string queryString, int year) => Parse(Query(queryString), year);

    /// <summary>A filter with its year (<see cref="ToQueryString"/>'s form); null when the year is missing or not 2000–2100.</summary>
    public static HoursFilter? ParseWithYear(string queryString)
    {
        var query = Query(queryString);
        return int.TryParse(query["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100
            ? Parse(query, year)
            : null;
    }

    /// <summary>The filter with its year as a query string (<c>year=2026&amp;under=…&amp;position=…&amp;below=true</c>).</summary>
    public string ToQueryString()
    {
        var parts = new List<KeyValuePair<string, string?>> { new("year", Year.ToString(CultureInfo.InvariantCulture)) };
        if (UnderPath is not null)
        {
            parts.Add(new("under", UnderPath));
        }

        if (Position is not null)
        {
            parts.Add(new("position", Position));
        }

        if (BelowTarget)
        {
            parts.Add(new("below", "true"));
        }

        return QueryString.Create(parts).Value!.TrimStart('?');
    }

    private static QueryCollection Query(string queryString) =>
        new(QueryHelpers.ParseQuery(string.IsNullOrEmpty(queryString) || queryString[0] == '?' ? queryString : "?" + queryString));
}

/// <summary>One cadre's training hours in a year against the target of their position (null: no target set).</summary>
public sealed record CadreHours(int CadreId, string FullName, string Position, string UnitName, string OrgPath, double Hours, double? Target)
{
    public bool Met => Target is { } t && Hours >= t;
}

public sealed record HoursPage(IReadOnlyList<CadreHours> Rows, int Total, int MetCount, int WithTarget);

/// <summary>The reads behind the report pages besides <see cref="ICompletionReport"/>: the weekly trend, one cadre's record and
/// training hours. Each is one query on a read context, the scope a WHERE clause. <paramref name="videos"/> comes from the
/// media module, which this one does not depend on: with it switched off (<c>Learning:Modules:Disabled</c>, a reporting
/// node) there is none, and a record lists no video lessons.</summary>
public sealed class ReportReads(IReadDbContextFactory contexts, ICompletionReport report, ICourseReportRows courses, IOrganizationReportRows organization,
    IQuizScoreRows quizScores, TimeProvider clock, IVideoWatchRows? videos = null)
{
    /// <summary>The most lessons a cadre's record lists (twenty courses of twenty-five lessons).</summary>
    public const int MaxLessonLines = 500;

    /// <summary>Completions per week (weeks start on Monday, site time) over the last <paramref name="weeks"/> weeks, oldest first,
    /// for the report's filter without its status.</summary>
    public async Task<IReadOnlyList<(DateOnly Week, int Completions)>> WeeklyCompletionsAsync(OrgScope scope, ReportFilter filter, int weeks, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(LocalTime.ToLocal(clock.GetUtcNow().UtcDateTime));
        var thisWeek = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var first = thisWeek.AddDays(-7 * (weeks - 1));
        var counts = new int[weeks];
        // The first week begins at midnight in Vietnam; a day's margin in UTC, the local date decides.
        var since = LocalTime.ToUtc(first.ToDateTime(TimeOnly.MinValue)).AddDays(-1);
        await foreach (var done in report.CompletionTimesAsync(scope, filter, since, ct))
        {
            var day = DateOnly.FromDateTime(LocalTime.ToLocal(done));
            var index = (day.DayNumber - first.DayNumber) / 7;
            if (day >= first && index < weeks)
            {
                counts[index]++;
            }
        }

        return [.. counts.Select((n, i) => (first.AddDays(7 * i), n))];
    }

    /// <returns>Null when the cadre does not exist or lies outside <paramref name="scope"/>.</returns>
    public async Task<CadreRecordView?> CadreAsync(OrgScope scope, int cadreId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var cadre = await organization.Cadres(db, scope).Where(c => c.CadreId == cadreId).FirstOrDefaultAsync(ct);
        if (cadre is null)
        {
            return null;
        }

        if (cadre.UserId is not { } userId)
        {
            return new CadreRecordView(cadre, []);
        }

        var now = clock.GetUtcNow().UtcDateTime;

        var videoLines = videos is null ? [] : await VideoLinesAsync(db, videos, userId, ct);
        var progress = courses.LessonProgress(db).Where(p => p.UserId == userId);
        var lessonLines = await (from e in courses.Enrollments(db)
                                 where e.UserId == userId
                                 join c in courses.Courses(db) on e.CourseId equals c.Id
                                 join l in courses.Lessons(db) on e.CourseId equals l.CourseId
                                 join p in progress on new { l.CourseId, Key = l.Key } equals new { p.CourseId, Key = p.LessonKey } into ps
                                 from p in ps.DefaultIfEmpty()
                                 orderby c.Title, e.CourseId, l.ModulePosition, l.Position
                                 select new CadreLessonLine(e.CourseId, c.Title, l.Title, l.Kind, p == null ? null : (DateTime?)p.FirstOpenedUtc, p == null ? null : p.CompletedUtc))
                                 .Take(MaxLessonLines).ToListAsync(ct);
        var attempts = await (from a in quizScores.Attempts(db)
                              where a.UserId == userId
                              join c in courses.Courses(db) on a.CourseId equals (int?)c.Id into cs
                              from c in cs.DefaultIfEmpty()
                              orderby a.StartedUtc descending, a.Number descending
                              select new CadreAttemptLine(a.QuizTitle, c == null ? null : c.Title, a.Number, a.State, a.Percent, a.Passed, a.StartedUtc, a.SubmittedUtc))
                              .Take(200).ToListAsync(ct);
        var lines = await (from e in courses.Enrollments(db)
                           where e.UserId == userId
                           join c in courses.Courses(db) on e.CourseId equals c.Id
                           join s in quizScores.BestScores(db) on new { e.UserId, e.CourseId } equals new { s.UserId, s.CourseId } into ss
                           from s in ss.DefaultIfEmpty()
                           orderby c.Title
                           select new { e, c.Title, c.EstimatedHours, Score = s == null ? null : (double?)s.BestPercent }).ToListAsync(ct);
        return new CadreRecordView(cadre, [.. lines.Select(l => new CadreCourseLine(l.e.CourseId, l.Title,
            l.e.CompletedUtc != null ? LearnerStatus.Completed
            : l.e.CompletedLessons == 0 && l.e.LastActivityUtc == null ? LearnerStatus.NotStarted
            : LearnerStatus.InProgress,
            l.e.CompletedLessons, l.e.RequiredLessons, Utc(l.e.EnrolledUtc), Utc(l.e.DueUtc), Utc(l.e.CompletedUtc), l.Score, l.EstimatedHours)
        {
            Simulated = l.e.Simulated,
            Overdue = l.e.CompletedUtc == null && l.e.DueUtc is { } due && due < now,
        })])
        {
            Videos = [.. videoLines.Select(v => v with { CompletedUtc = Utc(v.CompletedUtc), LastWatchedUtc = Utc(v.LastWatchedUtc) })],
            VideosTracked = videos is not null,
            Lessons = [.. lessonLines.Select(l => l with { FirstOpenedUtc = Utc(l.FirstOpenedUtc), CompletedUtc = Utc(l.CompletedUtc) })],
            Attempts = [.. attempts.Select(a => a with { StartedUtc = Utc(a.StartedUtc), SubmittedUtc = Utc(a.SubmittedUtc) })],
        };
    }

    /// <summary>The video lessons of the courses a cadre is enrolled in (as authored now), with what they watched of each video.</summary>
    private async Task<List<CadreVideoLine>> VideoLinesAsync(LearningDbContext db, IVideoWatchRows videos, string userId, CancellationToken ct)
    {
        var watches = videos.Watches(db).Where(w => w.UserId == userId);
        return await (from e in courses.Enrollments(db)
                      where e.UserId == userId
                      join c in courses.Courses(db) on e.CourseId equals c.Id
                      join l in courses.Lessons(db) on e.CourseId equals l.CourseId
                      where l.Kind == LessonKinds.Video && l.Reference != null
                      join v in videos.Videos(db) on l.Reference equals v.PublicId into vs
                      from v in vs.DefaultIfEmpty()
                      join w in watches on l.Reference equals w.VideoPublicId into ws
                      from w in ws.DefaultIfEmpty()
                      orderby c.Title, e.CourseId, l.ModulePosition, l.Position
                      select new CadreVideoLine(e.CourseId, c.Title, l.Title, w == null ? null : (int?)w.WatchedSeconds, v == null ? 0 : v.DurationSeconds,
                          w == null ? null : w.CompletedUtc, w == null ? null : (DateTime?)w.UpdatedUtc)).ToListAsync(ct);
    }

    /// <summary>Hours per cadre (inside the scope, as <paramref name="filter"/> says) in a year: the declared hours of the courses
    /// they completed that year (site time). One page, ordered by org path and name.</summary>
    public async Task<HoursPage> HoursAsync(OrgScope scope, HoursFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var rows = HoursQuery(db, scope, filter);
        var total = await rows.CountAsync(ct);
        var withTarget = await rows.CountAsync(r => r.Target != null, ct);
        var met = await rows.CountAsync(r => r.Target != null && r.Hours >= r.Target, ct);
        var list = await rows.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new HoursPage([.. list.Select(r => r.ToRecord())], total, met, withTarget);
    }

    /// <summary>Every row of the hours report in the page's order, streamed from one query (the export): a streaming context, as
    /// the completion export's rows, so the rows are written as they arrive rather than buffered whole for a retry.</summary>
    public async IAsyncEnumerable<CadreHours> HoursRowsAsync(OrgScope scope, HoursFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = contexts.CreateStreamingDbContext();
        await foreach (var row in HoursQuery(db, scope, filter).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row.ToRecord();
        }
    }

    /// <summary>The cadres in scope (under a unit, of a position) with the hours of the courses they completed in the year and
    /// their position's target, ordered by unit, name and id; below their target only, when the filter asks.</summary>
    private IQueryable<HoursRow> HoursQuery(LearningDbContext db, OrgScope scope, HoursFilter filter)
    {
        var (year, underPath, position) = (filter.Year, filter.UnderPath, filter.Position);
        var start = LocalTime.ToUtc(new DateTime(year, 1, 1));
        var end = LocalTime.ToUtc(new DateTime(year + 1, 1, 1));
        var cadres = organization.Cadres(db, scope);
        if (underPath is not null)
        {
            cadres = scope.Contains(underPath) ? cadres.Where(c => c.OrgPath.StartsWith(underPath)) : cadres.Where(c => false);
        }

        if (!string.IsNullOrEmpty(position))
        {
            cadres = cadres.Where(c => c.Position == position);
        }

        // Hours summed per account once (one pass over the year's completions, grouped), then joined to the cadres: a SUM
        // correlated per cadre probed the enrolments 200,000 times for the country (7 s of an 8.7-s query).
        var perUser = from e in courses.Enrollments(db)
                      where e.CompletedUtc >= start && e.CompletedUtc < end
                      join k in courses.Courses(db) on e.CourseId equals k.Id
                      group (double)k.EstimatedHours by e.UserId into g
                      select new { UserId = g.Key, Hours = g.Sum() };
        var targets = db.Set<HourTarget>().Where(t => t.Year == year);
        var rows = from c in cadres
               join t in targets on c.Position equals t.Position into ts
               from t in ts.DefaultIfEmpty()
               join h in perUser on c.UserId equals h.UserId into hs
               from h in hs.DefaultIfEmpty()
               orderby c.OrgPath, c.FullName, c.CadreId
               select new HoursRow
               {
                   CadreId = c.CadreId,
                   FullName = c.FullName,
                   Position = c.Position,
                   UnitName = c.UnitName,
                   OrgPath = c.OrgPath,
                   Hours = (double?)h.Hours ?? 0,
                   Target = t == null ? null : (double?)t.Hours,
               };
        return filter.BelowTarget ? rows.Where(r => r.Target != null && r.Hours < r.Target) : rows;
    }

    /// <summary>A row as the query composes it (counted and filtered further), then as the pages and the export read it.</summary>
    private sealed class HoursRow
    {
        public int CadreId { get; init; }

        public string FullName { get; init; } = "";

        public string Position { get; init; } = "";

        public string UnitName { get; init; } = "";

        public string OrgPath { get; init; } = "";

        public double Hours { get; init; }

        public double? Target { get; init; }

        public CadreHours ToRecord() => new(CadreId, FullName, Position, UnitName, OrgPath, Hours, Target);
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
