using System.Globalization;
using System.Text;
using Learning.Courses;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Services.Completion;
using Learning.Reports.Services.Completion.Charts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Services.Exports;

/// <summary>The supported export formats.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
    Pdf,
}

/// <summary>What an export is about, in words: its title, the scope and filter as people read them, and the file name.</summary>
public sealed record ExportDescription(string Title, string ScopeText, string FilterText, string GeneratedText, string FileBaseName);

/// <summary>
/// The completion report as files: the cadre rows behind it (CSV, or XLSX with a summary sheet of the groups) and the PDF summary
/// (groups table, completion-rate bars, weekly line, readiness funnel). Everything comes from <see cref="ICompletionReport"/> with
/// the caller's scope, so a file holds exactly what its reader may see; the cadre rows are streamed from the query into the writer.
/// </summary>
public sealed class CompletionExport(ICompletionReport report, ReportReads reads, ICadreReadinessRows readiness, DemoLearning demo, IReadDbContextFactory contexts,
    IOrganizationReportRows organization, ICourseReportRows courses, IStringLocalizer<ReportsStrings> t, TimeProvider clock)
{
    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Xlsx => FileContentTypes.Of(".xlsx"),
        _ => FileContentTypes.Of(".pdf"),
    };

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Csv => ".csv",
        ExportFormat.Xlsx => ".xlsx",
        _ => ".pdf",
    };

    public static bool TryParseFormat(string? text, out ExportFormat format) =>
        Enum.TryParse(text, ignoreCase: true, out format) && Enum.IsDefined(format) && !int.TryParse(text, out _);

    /// <summary>The columns of the cadre rows, in the current UI culture.</summary>
    public IReadOnlyList<ExportColumn> CadreColumns() =>
    [
        new(t["Export.Col.CadreId"], ExportColumnKind.Number, 10),
        new(t["Export.Col.FullName"], ExportColumnKind.Text, 26),
        new(t["Export.Col.Email"], ExportColumnKind.Text, 30),
        new(t["Export.Col.Position"], ExportColumnKind.Text, 22),
        new(t["Export.Col.Province"], ExportColumnKind.Text, 16),
        new(t["Export.Col.Commune"], ExportColumnKind.Text, 22),
        new(t["Export.Col.Unit"], ExportColumnKind.Text, 24),
        new(t["Export.Col.Course"], ExportColumnKind.Text, 36),
        new(t["Export.Col.Status"], ExportColumnKind.Text, 14),
        new(t["Export.Col.Lessons"], ExportColumnKind.Number, 11),
        new(t["Export.Col.Required"], ExportColumnKind.Number, 11),
        new(t["Export.Col.Enrolled"], ExportColumnKind.Date, 12),
        new(t["Export.Col.Due"], ExportColumnKind.Date, 12),
        new(t["Export.Col.CompletedOn"], ExportColumnKind.Date, 12),
        new(t["Export.Col.Score"], ExportColumnKind.Number, 11),
    ];

    /// <summary>The groups' columns: a unit's (or, <paramref name="byCourse"/>, a course's) name, then its numbers.</summary>
    public IReadOnlyList<ExportColumn> GroupColumns(bool byCourse = false) =>
    [
        new(t[byCourse ? "Export.Group.Course" : "Export.Group.Name"], ExportColumnKind.Text, 32),
        new(t["Export.Group.Assigned"], ExportColumnKind.Number, 11),
        new(t["Export.Group.NotStarted"], ExportColumnKind.Number, 11),
        new(t["Export.Group.InProgress"], ExportColumnKind.Number, 11),
        new(t["Export.Group.Completed"], ExportColumnKind.Number, 11),
        new(t["Export.Group.Overdue"], ExportColumnKind.Number, 11),
        new(t["Export.Group.Rate"], ExportColumnKind.Percent, 12),
        new(t["Export.Group.Average"], ExportColumnKind.Number, 12),
        new(t["Export.Group.Median"], ExportColumnKind.Number, 12),
        new(t["Export.Group.Days"], ExportColumnKind.Number, 14),
    ];

    public async Task<ExportDescription> DescribeAsync(OrgScope scope, ReportFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateDbContext();
        string title;
        if (filter.CourseId is { } courseId)
        {
            title = t["Export.Title.Course", await courses.Courses(db).Where(c => c.Id == courseId).Select(c => c.Title).FirstOrDefaultAsync(cancellationToken) ?? "#" + courseId];
        }
        else if (filter.PathId is { } pathId)
        {
            title = t["Export.Title.Path", await courses.Paths(db).Where(p => p.Id == pathId).Select(p => p.Title).FirstOrDefaultAsync(cancellationToken) ?? "#" + pathId];
        }
        else
        {
            title = t["Export.Title.All"];
        }

        var scopeText = t["Export.Scope.Everything"].Value;
        if (!scope.Unrestricted)
        {
            var paths = scope.Paths.ToList();
            var names = await organization.Units(db, OrgScope.Everything).Where(u => paths.Contains(u.Path)).OrderBy(u => u.Name).Select(u => u.Name).ToListAsync(cancellationToken);
            scopeText = string.Join(", ", names);
        }

        var parts = new List<string>();
        if (filter.UnderPath is { } under)
        {
            var name = await organization.Units(db, scope).Where(u => u.Path == under).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
            parts.Add($"{t["Export.Filter.Under"]}: {name ?? under}");
        }

        if (filter.Status is { } status)
        {
            parts.Add($"{t["Export.Filter.Status"]}: {StatusText(status)}");
        }

        if (filter.Position is { } position)
        {
            parts.Add($"{t["Export.Filter.Position"]}: {position}");
        }

        if (filter.TransferredFrom is not null || filter.TransferredTo is not null)
        {
            parts.Add($"{t["Export.Filter.Transferred"]}: {Range(filter.TransferredFrom, filter.TransferredTo)}");
        }

        if (filter.DueFrom is not null || filter.DueTo is not null)
        {
            parts.Add($"{t["Export.Filter.Due"]}: {Range(filter.DueFrom, filter.DueTo)}");
        }

        if (filter.AccountingOfficers is { } accounting)
        {
            parts.Add($"{t["Export.Filter.Accounting"]}: {(accounting ? t["Export.Yes"] : t["Export.No"])}");
        }

        if (filter.UnitId is { } unitId)
        {
            var name = await organization.Units(db, scope).Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
            parts.Add($"{t["Export.Filter.Unit"]}: {name ?? "#" + unitId}");
        }

        var now = LocalTime.ToLocal(clock.GetUtcNow().UtcDateTime);
        var stamp = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new ExportDescription(title, scopeText, parts.Count == 0 ? t["Export.Filter.None"] : string.Join("; ", parts),
            now.ToString("g", CultureInfo.CurrentCulture), t["Export.FileName", stamp]);
    }

    /// <summary>True when the filter names a unit (by path or id) that is not inside <paramref name="scope"/>: the caller answers 404.</summary>
    public async Task<bool> NamesOutsideAsync(OrgScope scope, ReportFilter filter, CancellationToken cancellationToken = default)
    {
        if (filter.UnderPath is { } under && (!ReportFilter.IsOrgPath(under) || !scope.Contains(under)))
        {
            return true;
        }

        if (filter.UnitId is { } unitId)
        {
            await using var db = contexts.CreateDbContext();
            return !await organization.Units(db, scope).AnyAsync(u => u.Id == unitId, cancellationToken);
        }

        return false;
    }

    public Task<int> CountAsync(OrgScope scope, ReportFilter filter, CancellationToken cancellationToken = default) =>
        report.CountCadresAsync(scope, filter, cancellationToken);

    public async Task<int> WriteCsvAsync(Stream output, OrgScope scope, ReportFilter filter, CancellationToken cancellationToken = default)
    {
        await using var rows = await StartRowsAsync(scope, filter, Task.FromResult(GroupTally.None), cancellationToken);
        return await CsvExportWriter.WriteAsync(output, CadreColumns(), CadreRows(rows, null), cancellationToken);
    }

    /// <summary>
    /// The cadre rows, then a summary sheet of the groups counted from those same rows as they were written (one read of the
    /// database; the groups equal <see cref="ICompletionReport.GroupsAsync"/>'s). Writes synchronously into <paramref name="output"/> (a file).
    /// </summary>
    public async Task<int> WriteXlsxAsync(Stream output, OrgScope scope, ReportFilter filter, CancellationToken cancellationToken = default)
    {
        await using var rows = await StartRowsAsync(scope, filter, report.TallyAsync(scope, filter, cancellationToken), cancellationToken);
        using var workbook = new XlsxStreamWriter(output);
        var count = await workbook.WriteSheetAsync(t["Export.Sheet.Cadres"], CadreColumns(), CadreRows(rows, rows.Tally), cancellationToken);
        await workbook.WriteSheetAsync(t["Export.Sheet.Groups"], GroupColumns(filter.By == ReportBreakdown.Course), rows.Tally.Groups().Select(g => GroupRow(g, filter)), cancellationToken);
        return count;
    }

    public async Task<byte[]> PdfAsync(OrgScope scope, ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var description = await DescribeAsync(scope, filter, cancellationToken);
        var groups = await report.GroupsAsync(scope, filter, cancellationToken);
        var culture = CultureInfo.CurrentCulture;
        string Number(double? value, string format = "0.#") => value is { } v ? v.ToString(format, culture) : "–";
        var rows = groups.Select(g => (IReadOnlyList<string>)
        [
            GroupName(g, filter), g.Assigned.ToString("N0", culture), g.NotStarted.ToString("N0", culture), g.InProgress.ToString("N0", culture),
            g.Completed.ToString("N0", culture), g.Overdue.ToString("N0", culture), Percent(g.CompletionRate), Number(g.AverageScore),
            Number(g.MedianScore), Number(g.MedianDaysToComplete),
        ]).ToList();
        var byCourse = filter.By == ReportBreakdown.Course;
        var columns = GroupColumns(byCourse).Select((c, i) => new PdfColumn(c.Header, i == 0 ? 3.2 : 1, i > 0)).ToList();
        // The charts of the report page (bars and the weekly line, from the same records it draws as SVG) and the readiness funnel
        // of the cadres in the same units.
        var data = new BarChartData(t[byCourse ? "Export.ChartByCourse" : "Export.Chart"], [.. groups.Where(g => g.Assigned > 0).Select(g => (GroupName(g, filter), g.CompletionRate))]);
        var bars = new PdfBarChart(data.Title, data.Bars.Select(b => new PdfBar(b.Label, b.Value, data.Percent ? Percent(b.Value) : b.Value.ToString("0.#", culture))).ToList());
        var weeks = await reads.WeeklyCompletionsAsync(scope, filter, CompletionSnapshots.Weeks, cancellationToken);
        var line = new PdfLineChart(t["Export.LineChart", CompletionSnapshots.Weeks], [.. weeks.Select(w => new PdfPoint(w.Week.ToString("dd/MM", CultureInfo.InvariantCulture), w.Completions))]);
        var (funnelPaths, funnelName) = await FunnelUnitsAsync(scope, filter, description.ScopeText, cancellationToken);
        var states = (await readiness.ListAsync(funnelPaths is null && scope.Unrestricted, funnelPaths ?? scope.Paths, cancellationToken))
            .Where(f => filter.UnitId is null || funnelPaths is not [var unitPath] || f.OrgPath == unitPath) // a unit named by id: its own cadres, as the report counts them
            .GroupBy(f => f.State).ToDictionary(g => g.Key, g => g.Count());
        var stages = ReadinessStages.Chart(t["Export.FunnelChart", funnelName], states, s => t["Funnel." + s]);
        var funnel = new PdfFunnelChart(stages.Title, [.. stages.Stages.Select(s => new PdfPoint(s.Label, s.Value))]);
        var facts = new List<KeyValuePair<string, string>>
        {
            new(t["Export.Fact.Scope"], description.ScopeText),
            new(t["Export.Fact.Filter"], description.FilterText),
            new(t["Export.Fact.Assigned"], groups.Sum(g => g.Assigned).ToString("N0", culture)),
            new(t["Export.Fact.Generated"], description.GeneratedText),
        };
        if (await demo.SinceAsync(cancellationToken) is { } simulated)
        {
            facts.Add(new(t["Demo.Badge"], t["Demo.Notice", DemoLearning.Day(simulated)]));
        }

        return PdfSummaryWriter.Write(new PdfSummary(
            description.Title,
            facts,
            t["Export.Table"],
            columns,
            rows,
            [bars, line, funnel],
            t["Export.Empty"],
            t["Export.Page"]));
    }

    /// <summary>
    /// The units whose cadres the PDF's readiness funnel counts, with their name: the unit the filter names (by path or id), or
    /// else the reader's scope (<c>null</c> paths). The caller has checked that a named unit is inside the scope.
    /// </summary>
    private async Task<(IReadOnlyList<string>? Paths, string Name)> FunnelUnitsAsync(OrgScope scope, ReportFilter filter, string scopeText, CancellationToken cancellationToken)
    {
        if (filter.UnitId is null && filter.UnderPath is null)
        {
            return (null, scopeText);
        }

        await using var db = contexts.CreateDbContext();
        var unit = filter.UnitId is { } unitId
            ? await organization.Units(db, scope).Where(u => u.Id == unitId).Select(u => new { u.Path, u.Name }).FirstOrDefaultAsync(cancellationToken)
            : await organization.Units(db, scope).Where(u => u.Path == filter.UnderPath).Select(u => new { u.Path, u.Name }).FirstOrDefaultAsync(cancellationToken);
        return unit is null ? ([], scopeText) : ([unit.Path], unit.Name);
    }

    /// <summary>
    /// The file name twice: in Vietnamese (<c>filename*</c>, RFC 5987) and folded to ASCII (<c>filename</c>, for old clients):
    /// marks removed, đ → d, anything else outside letters and digits → '-'.
    /// </summary>
    public static (string Ascii, string Unicode) FileNames(string baseName, ExportFormat format)
    {
        var unicode = baseName + Extension(format);
        var folded = new StringBuilder();
        foreach (var c in baseName.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            folded.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        var ascii = string.Join('-', folded.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return ((ascii.Length == 0 ? "report" : ascii) + Extension(format), unicode);
    }

    internal string StatusText(LearnerStatus status) => t["Export.Status." + status];

    /// <summary>A row's status as its cell says it: its place, and "overdue" after it when it is.</summary>
    private string StatusText(LearnerStatus status, bool overdue) => overdue ? t["Export.Status.Late", StatusText(status)] : StatusText(status);

    /// <summary>
    /// The cadre rows' query sent first, then the groups (<paramref name="tally"/>, already started) and the places read beside
    /// it: for a province or the country the database takes seconds to join and sort the rows before the first one arrives, and
    /// the two small reads (and, in a fresh process, compiling them) fit in that wait. Returns when all three have answered.
    /// </summary>
    private async Task<StartedRows> StartRowsAsync(OrgScope scope, ReportFilter filter, Task<GroupTally> tally, CancellationToken cancellationToken)
    {
        var rows = report.CadresAsync(scope, filter, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var first = rows.MoveNextAsync().AsTask();
        var places = PlacesAsync(cancellationToken);
        try
        {
            await Task.WhenAll(first, tally, places);
        }
        catch
        {
            // The three are over (WhenAll waits for each): the reader can be closed.
            await rows.DisposeAsync();
            throw;
        }

        return new StartedRows(rows, first.Result, tally.Result, places.Result);
    }

    /// <summary>The started rows as cells, each counted into <paramref name="tally"/> as it is written.</summary>
    private async IAsyncEnumerable<object?[]> CadreRows(StartedRows started, GroupTally? tally)
    {
        var statuses = Enum.GetValues<LearnerStatus>().SelectMany(s => new[] { (s, false), (s, true) }).ToDictionary(x => x, x => StatusText(x.s, x.Item2));
        var rows = started.Rows;
        for (var more = started.HasFirst; more; more = await rows.MoveNextAsync())
        {
            var row = rows.Current;
            tally?.Count(row);
            var (province, commune) = started.Places.Of(row.OrgPath);
            yield return
            [
                row.CadreId, row.FullName, row.Email, row.Position, province, commune, row.UnitName, row.CourseTitle, statuses[(row.Status, row.Overdue)],
                row.CompletedLessons, row.RequiredLessons, LocalDate(row.EnrolledUtc), LocalDate(row.DueUtc), LocalDate(row.CompletedUtc),
                row.BestScore is { } score ? Math.Round(score, 1) : null,
            ];
        }
    }

    /// <summary>The rows' reader with its first row read (or none), the groups to count them into, and the places' names.</summary>
    private sealed record StartedRows(IAsyncEnumerator<CadreRow> Rows, bool HasFirst, GroupTally Tally, Places Places) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Rows.DisposeAsync();
    }

    private object?[] GroupRow(CompletionGroup g, ReportFilter filter) =>
    [
        GroupName(g, filter), g.Assigned, g.NotStarted, g.InProgress, g.Completed, g.Overdue, g.CompletionRate,
        Round(g.AverageScore), Round(g.MedianScore), Round(g.MedianDaysToComplete),
    ];

    private string GroupName(CompletionGroup g, ReportFilter filter) => g.CourseId is null && g.OrgPath == filter.UnderPath ? t["Export.Group.Direct", g.Name] : g.Name;

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;

    private static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.CurrentCulture) + " %";

    private static DateOnly? LocalDate(DateTime? utc) => utc is { } u ? DateOnly.FromDateTime(LocalTime.ToLocal(u)) : null;

    private static string Range(DateOnly? from, DateOnly? to) =>
        $"{from?.ToString("d", CultureInfo.CurrentCulture) ?? "…"} – {to?.ToString("d", CultureInfo.CurrentCulture) ?? "…"}";

    /// <summary>The province and commune names of each organisation path (units of the kinds that name a place).</summary>
    private async Task<Places> PlacesAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var units = await organization.Units(db, OrgScope.Everything).Where(u => u.Kind != "Unit")
            .Select(u => new { u.Id, u.Kind, u.Name }).ToListAsync(cancellationToken);
        return new Places(units.ToDictionary(u => u.Id, u => (u.Kind, u.Name)));
    }

    private sealed class Places(Dictionary<int, (string Kind, string Name)> units)
    {
        private readonly Dictionary<string, (string Province, string Commune)> byPath = new(StringComparer.Ordinal);

        public (string Province, string Commune) Of(string path)
        {
            if (byPath.TryGetValue(path, out var found))
            {
                return found;
            }

            var (province, commune) = ("", "");
            foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && units.TryGetValue(id, out var unit))
                {
                    if (unit.Kind == "Province")
                    {
                        province = unit.Name;
                    }
                    else if (commune.Length == 0)
                    {
                        commune = unit.Name;
                    }
                }
            }

            return byPath[path] = (province, commune);
        }
    }
}
