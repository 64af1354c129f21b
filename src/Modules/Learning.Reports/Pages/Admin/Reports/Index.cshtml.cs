using System.Globalization;
using Learning.Courses;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Services.Completion;
using Learning.Reports.Services.Completion.Charts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Reports.Pages.Admin.Reports;

/// <summary>The completion report: a course or a path, filters, one row per child unit (province → communes → units), every
/// number a link to the cadres behind it, the completion-rate bars and the weekly completions line.</summary>
[RequirePermission(Permissions.Names.View)]
public sealed class IndexModel(IOrganizationScopeService scopes, CompletionSnapshots snapshots, ICourseProgressQuery courseQuery,
    ICadreDirectory directory, IOptions<ReportSnapshotOptions> snapshotOptions, TimeProvider clock, IStringLocalizer<ReportsStrings> t) : PageModel
{
    public const int Weeks = CompletionSnapshots.Weeks;

    public ReportFilter Filter { get; private set; } = new();

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public IReadOnlyList<CompletionGroup> Groups { get; private set; } = [];

    public IReadOnlyList<CourseRef> Courses { get; private set; } = [];

    public IReadOnlyList<LearningPathRef> Paths { get; private set; } = [];

    public IReadOnlyList<string> Positions { get; private set; } = [];

    public IReadOnlyList<OrgUnitRef> Units { get; private set; } = [];

    /// <summary>The units the unit filter offers: around the unit broken down (or the one chosen) at a country's scale.</summary>
    public UnitChoices UnitChoices { get; private set; } = new([], false);

    /// <summary>The units from the top of the scope down to the one being broken down, for the breadcrumb.</summary>
    public IReadOnlyList<OrgUnitRef> Trail { get; private set; } = [];

    public IReadOnlyList<WeekPoint> Trend { get; private set; } = [];

    /// <summary>When the numbers shown were counted, if they come from a kept view (ADR-031); null: counted for this visit.</summary>
    public DateTime? KeptUtc { get; private set; }

    public string BarSvg { get; private set; } = "";

    public string LineSvg { get; private set; } = "";

    public bool CanSave => User.Has(Permissions.Schedule);

    public bool CanExport => User.Has(Permissions.Export);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Filter = ReportFilter.Parse(Request.Query);
        var scope = await scopes.GetScopeAsync(User, ct);
        Units = await directory.UnitsAsync(scope, ct);
        if (!InScope(scope, Filter, Units))
        {
            return NotFound();
        }

        Courses = [.. (await courseQuery.CoursesAsync(ct)).Where(c => c.IsPublished || c.Id == Filter.CourseId).OrderBy(c => c.Title, StringComparer.CurrentCulture)];
        Paths = [.. (await courseQuery.PathsAsync(ct)).Where(p => p.IsPublished || p.Id == Filter.PathId).OrderBy(p => p.Title, StringComparer.CurrentCulture)];
        Positions = await directory.PositionsAsync(ct);
        Trail = OrgUnitTree.Trail(Units, Filter.UnderPath);
        UnitChoices = OrgUnitTree.Choices(Units, Filter.UnderPath ?? Units.FirstOrDefault(u => u.Id == Filter.UnitId)?.Path);
        Problems = Filter.Validate(t);
        if (Problems.Count > 0)
        {
            return Page();
        }

        var view = await snapshots.ViewAsync(scope, Filter, live: Request.Query["live"] == "1", ct);
        (Groups, Trend, KeptUtc) = (view.Groups, view.Trend, view.KeptUtc);
        BarSvg = SvgCharts.Bar(new BarChartData(t[Filter.By == ReportBreakdown.Course ? "Chart.RateByCourseTitle" : "Chart.RateTitle"], [.. Groups.Select(g => (GroupName(g), g.CompletionRate))]), "chart-rate");
        LineSvg = SvgCharts.Line(new LineChartData(t["Chart.WeeklyTitle"], [.. Trend.Select(w => (WeekLabel(w.Week), (double)w.Completions))]), "chart-weekly");
        return Page();
    }

    /// <summary>A tampered path or unit outside the scope is a 404, never an empty report that hints at what exists.</summary>
    public static bool InScope(OrgScope scope, ReportFilter filter, IReadOnlyList<OrgUnitRef> unitsInScope) =>
        (filter.UnderPath is null || (ReportFilter.IsOrgPath(filter.UnderPath) && scope.Contains(filter.UnderPath) && unitsInScope.Any(u => u.Path == filter.UnderPath)))
        && (filter.UnitId is null || unitsInScope.Any(u => u.Id == filter.UnitId));

    public string GroupName(CompletionGroup g) => g.CourseId is null && g.OrgPath == Filter.UnderPath ? t["Report.DirectlyIn", g.Name] : g.Name;

    /// <summary>The same report, its rows the units or the courses (a path's report has no course rows: the path is dropped).</summary>
    public string SwitchLink(ReportBreakdown by) =>
        "/Admin/Reports?" + (by == ReportBreakdown.Course ? Filter with { By = by, PathId = null } : Filter with { By = by }).ToQueryString();

    public static string WeekLabel(DateOnly week) => week.ToString("dd/MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// The drill-down list behind one number: the group's subtree (or, for the unit's own row, its own cadres), the page's
    /// filter and the column's status. Null (no link) for a status column other than the page's status filter: its number is 0, or
    /// (overdue being counted within not started and in progress) a part of both that one list cannot show.
    /// </summary>
    public string? CadresLink(CompletionGroup g, LearnerStatus? status)
    {
        if (status is not null && Filter.Status is { } only && only != status)
        {
            return null;
        }

        status ??= Filter.Status;
        if (g.CourseId is { } courseId)
        {
            return "/Admin/Reports/Cadres?" + (Filter with { CourseId = courseId, By = ReportBreakdown.Unit, Status = status }).ToQueryString();
        }

        var filter = g.OrgPath == Filter.UnderPath
            ? Filter with { UnitId = ReportFilter.LastUnitId(g.OrgPath), Status = status }
            : Filter with { UnderPath = g.OrgPath, Status = status };
        return "/Admin/Reports/Cadres?" + filter.ToQueryString();
    }

    /// <summary>A unit's row: its own breakdown. A course's row: that course broken down by unit, in the same subtree.</summary>
    public string BreakDownLink(CompletionGroup g) => "/Admin/Reports?" + (g.CourseId is { } courseId
        ? Filter with { CourseId = courseId, PathId = null, By = ReportBreakdown.Unit }
        : Filter with { UnderPath = g.OrgPath, UnitId = null }).ToQueryString();

    public string ExportLink(string format) => ExportLink(Filter, format);

    /// <summary>The export of <paramref name="filter"/>'s report (its cadres' rows, and its groups in a workbook or PDF) as <paramref name="format"/>.</summary>
    public static string ExportLink(ReportFilter filter, string format)
    {
        var query = filter.ToQueryString();
        return "/admin/reports/export?format=" + format + (query.Length > 0 ? "&" + query : "");
    }

    /// <summary>"Counted at 14:05 (12 minutes ago)", or "(just now)", for a kept view, in Vietnam's time.</summary>
    public string KeptNote(DateTime keptUtc)
    {
        var minutes = Math.Max(0, (int)(clock.GetUtcNow().UtcDateTime - keptUtc).TotalMinutes);
        var ago = minutes switch { 0 => t["Report.KeptJustNow"].Value, 1 => t["Report.KeptMinuteAgo"].Value, _ => t["Report.KeptAgo", minutes].Value };
        return t["Report.KeptAt", LocalTime.ToLocal(keptUtc).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture), ago, snapshotOptions.Value.Minutes];
    }

    public string LiveLink()
    {
        var query = Filter.ToQueryString();
        return "/Admin/Reports?" + (query.Length > 0 ? query + "&" : "") + "live=1";
    }

    public static string Percent(double rate) => Math.Round(rate * 100).ToString(CultureInfo.InvariantCulture) + "%";

    public static string Number(double? value) => value is { } v ? Math.Round(v, 1).ToString("0.#", CultureInfo.CurrentCulture) : "–";
}
