using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Learning.Organization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

namespace Learning.Reports.Services.Completion;

/// <summary>
/// Where a learner stands on a course (or a path): not started, in progress or completed, which partition the assigned.
/// <see cref="Overdue"/> (not completed, the due date passed) is not a fourth place but a mark on the first two: as a filter
/// it selects the overdue, and the report counts them apart, within "not started" and "in progress", so a cadre who never
/// began an overdue course is still counted, and found, as not started.
/// </summary>
public enum LearnerStatus
{
    NotStarted,
    InProgress,
    Completed,
    Overdue,
}

/// <summary>
/// The status code the report's query computes for a row: its place (<see cref="LearnerStatus"/> 0–2) plus <see cref="Late"/>
/// when it is overdue, one integer column so the count stays one pass over one projection.
/// </summary>
internal static class FactStatus
{
    public const int Late = 3;

    public static LearnerStatus Place(int code) => (LearnerStatus)(code >= Late ? code - Late : code);

    public static bool IsLate(int code) => code >= Late;

    public static int Of(LearnerStatus place, bool overdue) => (int)place + (overdue ? Late : 0);
}

/// <summary>What the completion report's rows are: the units under the one being broken down, or the courses.</summary>
public enum ReportBreakdown
{
    Unit,
    Course,
}

/// <summary>
/// What a report is about and who it counts. No course and no path: every active enrolment (one row per cadre and course).
/// <see cref="By"/>: a row per child unit (the default) or a row per course, counted in the same subtree.
/// <see cref="UnderPath"/> narrows to a subtree of the organisation (it must lie inside the caller's scope, or nothing is counted).
/// Dates are the site's local dates, both ends included.
/// </summary>
public sealed partial record ReportFilter(int? CourseId = null, int? PathId = null, string? UnderPath = null, LearnerStatus? Status = null,
    string? Position = null, DateOnly? TransferredFrom = null, DateOnly? TransferredTo = null, DateOnly? DueFrom = null,
    DateOnly? DueTo = null, bool? AccountingOfficers = null, int? UnitId = null, ReportBreakdown By = ReportBreakdown.Unit)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The keys, in the order <see cref="ToQueryString"/> writes them.</summary>
    public static class Keys
    {
        public const string Course = "course";
        public const string Path = "path";
        public const string Under = "under";
        public const string Status = "status";
        public const string Position = "position";
        public const string TransferredFrom = "transferredFrom";
        public const string TransferredTo = "transferredTo";
        public const string DueFrom = "dueFrom";
        public const string DueTo = "dueTo";
        public const string Accounting = "accounting";
        public const string Unit = "unit";
        public const string By = "by";
    }

    /// <summary>Stable (same filter, same string; keys in a fixed order; empty members left out), without a leading "?".</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }

        Add(Keys.Course, CourseId?.ToString(CultureInfo.InvariantCulture));
        Add(Keys.Path, PathId?.ToString(CultureInfo.InvariantCulture));
        Add(Keys.Under, UnderPath);
        Add(Keys.Status, Status?.ToString());
        Add(Keys.Position, Position);
        Add(Keys.TransferredFrom, TransferredFrom?.ToString(DateFormat, CultureInfo.InvariantCulture));
        Add(Keys.TransferredTo, TransferredTo?.ToString(DateFormat, CultureInfo.InvariantCulture));
        Add(Keys.DueFrom, DueFrom?.ToString(DateFormat, CultureInfo.InvariantCulture));
        Add(Keys.DueTo, DueTo?.ToString(DateFormat, CultureInfo.InvariantCulture));
        Add(Keys.Accounting, AccountingOfficers is { } a ? (a ? "true" : "false") : null);
        Add(Keys.Unit, UnitId?.ToString(CultureInfo.InvariantCulture));
        Add(Keys.By, By == ReportBreakdown.Course ? "course" : null);
        return string.Join('&', parts);
    }

    /// <summary>Tolerant: an unreadable value is ignored (that member stays null); a reversed range is kept for <see cref="Validate"/>.</summary>
    public static ReportFilter Parse(IQueryCollection q) => Parse(key => q.TryGetValue(key, out var v) ? v : StringValues.Empty);

    public static ReportFilter Parse(string queryString)
    {
        var parsed = QueryHelpers.ParseQuery(string.IsNullOrEmpty(queryString) || queryString[0] == '?' ? queryString : "?" + queryString);
        return Parse(key => parsed.TryGetValue(key, out var v) ? v : StringValues.Empty);
    }

    private static ReportFilter Parse(Func<string, StringValues> get)
    {
        string? Text(string key)
        {
            var value = get(key).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            return value?.Trim();
        }

        int? Int(string key) => int.TryParse(Text(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i > 0 ? i : null;
        DateOnly? Date(string key) => DateOnly.TryParseExact(Text(key), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        bool? Bool(string key) => Text(key)?.ToLowerInvariant() switch
        {
            "true" or "1" or "on" => true,
            "false" or "0" => false,
            _ => null,
        };
        LearnerStatus? Status() => Enum.TryParse<LearnerStatus>(Text(Keys.Status), ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(Text(Keys.Status), out _) ? s : null;

        var under = Text(Keys.Under);
        return new ReportFilter(
            CourseId: Int(Keys.Course),
            PathId: Int(Keys.Path),
            UnderPath: under,
            Status: Status(),
            Position: Text(Keys.Position),
            TransferredFrom: Date(Keys.TransferredFrom),
            TransferredTo: Date(Keys.TransferredTo),
            DueFrom: Date(Keys.DueFrom),
            DueTo: Date(Keys.DueTo),
            AccountingOfficers: Bool(Keys.Accounting),
            UnitId: Int(Keys.Unit),
            By: string.Equals(Text(Keys.By), "course", StringComparison.OrdinalIgnoreCase) ? ReportBreakdown.Course : ReportBreakdown.Unit);
    }

    /// <summary>Localized problems (reversed ranges, a course and a path at once, a malformed organisation path); empty when fine.</summary>
    public IReadOnlyList<string> Validate(IStringLocalizer t)
    {
        var problems = new List<string>();
        if (By == ReportBreakdown.Course && PathId is not null)
        {
            problems.Add(t["Filter.ByCourseWithPath"]);
        }

        if (CourseId is not null && PathId is not null)
        {
            problems.Add(t["Filter.CourseAndPath"]);
        }

        if (TransferredFrom is { } tf && TransferredTo is { } tt && tf > tt)
        {
            problems.Add(t["Filter.TransferredReversed"]);
        }

        if (DueFrom is { } df && DueTo is { } dt && df > dt)
        {
            problems.Add(t["Filter.DueReversed"]);
        }

        if (UnderPath is not null && !IsOrgPath(UnderPath))
        {
            problems.Add(t["Filter.BadPath"]);
        }

        return problems;
    }

    /// <summary>True for a materialised path such as <c>/1/7/</c>.</summary>
    public static bool IsOrgPath(string path) => OrgPathPattern().IsMatch(path);

    /// <summary>The unit id a path ends with (<c>/1/7/</c> → 7).</summary>
    public static int LastUnitId(string path) => int.Parse(path.TrimEnd('/').AsSpan(path.TrimEnd('/').LastIndexOf('/') + 1), CultureInfo.InvariantCulture);

    [GeneratedRegex("^(/[0-9]{1,9})+/$")]
    private static partial Regex OrgPathPattern();
}

/// <summary>One org unit's numbers. <see cref="Kind"/> is the unit's kind (Province, Commune, Ward, SpecialZone, Unit); the row
/// for cadres attached directly to the unit being broken down (not to one of its children) has the same path as that unit.
/// Scores are percents of the best graded quiz attempt; days run from enrolment to completion.</summary>
public sealed record CompletionGroup(string OrgPath, string Name, string Kind, int Assigned, int NotStarted, int InProgress,
    int Completed, int Overdue, double? AverageScore, double? MedianScore, double? MedianDaysToComplete)
{
    /// <summary>A row of the breakdown by course (<see cref="Kind"/> "Course"): the course it counts, in the subtree <see cref="OrgPath"/>.</summary>
    public int? CourseId { get; init; }

    public double CompletionRate => Assigned == 0 ? 0 : (double)Completed / Assigned;
}

/// <summary>One cadre on one course (or path: <see cref="CourseId"/> and <see cref="CourseTitle"/> are then the path's).</summary>
public sealed record CadreRow(int CadreId, string? UserId, string FullName, string Email, string Position, string UnitName,
    string OrgPath, int CourseId, string CourseTitle, LearnerStatus Status, int CompletedLessons, int RequiredLessons,
    DateTime EnrolledUtc, DateTime? DueUtc, DateTime? CompletedUtc, double? BestScore)
{
    /// <summary>Not completed and the due date has passed (<see cref="Status"/> is then not started or in progress).</summary>
    public bool Overdue { get; init; }
}

/// <summary>Completion numbers within an organisational scope, the scope and every filter being WHERE clauses of the query.</summary>
public interface ICompletionReport
{
    /// <summary>One row per child org unit of filter.UnderPath (or the top of the scope): province -> communes -> units; or, with
    /// <see cref="ReportFilter.By"/> course, one row per course with enrolments in that subtree (by title).</summary>
    Task<IReadOnlyList<CompletionGroup>> GroupsAsync(OrgScope scope, ReportFilter filter, CancellationToken ct = default);

    /// <summary>The cadres behind any number, streamed, ordered by org path, name.</summary>
    IAsyncEnumerable<CadreRow> CadresAsync(OrgScope scope, ReportFilter filter, CancellationToken ct = default);

    Task<int> CountCadresAsync(OrgScope scope, ReportFilter filter, CancellationToken ct = default);

    /// <summary>When the completed rows of <see cref="CadresAsync"/> were completed, for those completed at or after
    /// <paramref name="sinceUtc"/> only (the bound and the status in the query; no names, no order): a trend's points.</summary>
    IAsyncEnumerable<DateTime> CompletionTimesAsync(OrgScope scope, ReportFilter filter, DateTime sinceUtc, CancellationToken ct = default);

    /// <summary>
    /// The groups of <see cref="GroupsAsync"/>, empty: counting the rows of <see cref="CadresAsync"/> into it gives the same numbers
    /// without a second read of the database (the XLSX export writes the rows, then the groups).
    /// </summary>
    Task<GroupTally> TallyAsync(OrgScope scope, ReportFilter filter, CancellationToken ct = default);
}
