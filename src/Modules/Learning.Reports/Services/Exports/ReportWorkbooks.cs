using System.Diagnostics;
using System.Globalization;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Services.Completion;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Reports.Services.Exports;

/// <summary>Where a report's workbook is written (ADR-047).</summary>
public enum ExportProcessMode
{
    /// <summary>In a process of its own when the rows may span more than a commune (a province, the country); in the node otherwise.</summary>
    Auto,

    /// <summary>Always in a process of its own.</summary>
    Always,

    /// <summary>Always in the node that was asked (a single-process installation that does not want a second process).</summary>
    Never,
}

public sealed class ExportOptions
{
    public const string Section = "Learning:Reports:Exports";

    /// <summary>Where the reports' XLSX files are written: <c>Auto</c>, <c>Always</c> or <c>Never</c> in a process of its own.</summary>
    public ExportProcessMode Process { get; set; } = ExportProcessMode.Auto;
}

/// <summary>
/// The reports' XLSX workbooks (the completion report's, the training hours'), written into a file either by this node or by a
/// process of its own (ADR-047). A province's or the country's workbook (up to hundreds of thousands of rows) is written by a
/// child process of the host, so the node that serves pages and exams carries none of the export's memory, code or
/// collections; a commune's (hundreds of rows) is written here, where it costs a fraction of a second and no process start.
/// Either way the rows are the caller's scope and filter, and the workbook the same cells (the same export writes both).
/// </summary>
public sealed class ReportWorkbooks(CompletionExport completion, HoursExport hours, IHostProcesses processes, IOptions<ExportOptions> options)
{
    /// <summary>True when the completion report's workbook for this scope and filter is written by a process of its own.</summary>
    public bool Separate(OrgScope scope, ReportFilter filter) => Separate(scope, filter.UnderPath, filter.UnitId);

    /// <summary>Writes the completion report's workbook into <paramref name="path"/> (a new file). Throws when its process failed.</summary>
    public Task WriteCompletionAsync(string path, OrgScope scope, ReportFilter filter, CancellationToken cancellationToken = default) =>
        Separate(scope, filter)
            ? RunAsync(CompletionWorkbookCommand.CommandName, WorkbookCommand.Arguments(path, scope, filter.ToQueryString(), CultureInfo.CurrentUICulture), cancellationToken)
            : WriteHereAsync(path, file => completion.WriteXlsxAsync(file, scope, filter, cancellationToken));

    /// <summary>Writes the training hours' workbook into <paramref name="path"/> (a new file). Throws when its process failed.</summary>
    public Task WriteHoursAsync(string path, OrgScope scope, HoursFilter filter, CancellationToken cancellationToken = default) =>
        Separate(scope, filter.UnderPath, null)
            ? RunAsync(HoursWorkbookCommand.CommandName, WorkbookCommand.Arguments(path, scope, filter.ToQueryString(), CultureInfo.CurrentUICulture), cancellationToken)
            : WriteHereAsync(path, file => hours.WriteAsync(file, ExportFormat.Xlsx, scope, filter, cancellationToken));

    /// <summary>
    /// True when every row is within one commune or ward, or there is nothing to read: a unit is named, or the subtree asked for,
    /// or every path of the caller's scope, is a commune's or lies below one (<c>/province/commune/</c>: two levels or more).
    /// </summary>
    internal static bool WithinACommune(OrgScope scope, string? underPath, int? unitId) =>
        unitId is not null
        || (underPath is { } under && Depth(under) >= 2)
        || (!scope.Unrestricted && scope.Paths.All(p => Depth(p) >= 2));

    private bool Separate(OrgScope scope, string? underPath, int? unitId) => options.Value.Process switch
    {
        ExportProcessMode.Always => true,
        ExportProcessMode.Never => false,
        _ => !WithinACommune(scope, underPath, unitId),
    };

    private static int Depth(string path) => path.Count(c => c == '/') - 1;

    private static async Task WriteHereAsync(string path, Func<Stream, Task<int>> write)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        await write(file);
    }

    private async Task RunAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var result = await processes.RunAsync(command, args, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The workbook's process failed (exit code {result.ExitCode}): {result.Error.Trim()}");
        }
    }
}

/// <summary>
/// <c>Learning.Web process NAME --out FILE --culture vi|en --scope *|PATH,PATH… --filter QUERY</c>: a report's workbook for that
/// scope and filter, written into a new FILE (ADR-047). Prints the rows written, the seconds and the process's peak resident
/// memory. The node checked the caller's rights and the filter's units against the scope; the scope given here (empty: nothing)
/// is a WHERE clause of every query, as in the node.
/// </summary>
public abstract class WorkbookCommand(IStringLocalizer<ReportsStrings> t) : IHostCommand
{
    protected IStringLocalizer<ReportsStrings> T => t;

    public static IReadOnlyList<string> Arguments(string path, OrgScope scope, string filterQuery, CultureInfo culture) =>
    [
        "--out", path,
        "--culture", culture.Name,
        "--scope", scope.Unrestricted ? "*" : string.Join(',', scope.Paths),
        "--filter", filterQuery,
    ];

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        string? Option(string name)
        {
            var i = args.ToList().IndexOf("--" + name);
            return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
        }

        var culture = LocalTime.SupportedCultures.FirstOrDefault(c => c.Name == Option("culture"));
        var scopeText = Option("scope");
        if (Option("out") is not { Length: > 0 } path || culture is null || scopeText is null)
        {
            await Console.Error.WriteLineAsync("Usage: NAME --out FILE --culture vi|en --scope *|PATH,PATH… [--filter QUERY]");
            return 2;
        }

        var paths = scopeText == "*" ? [] : scopeText.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (paths.Any(p => !ReportFilter.IsOrgPath(p)))
        {
            await Console.Error.WriteLineAsync($"--scope: '{scopeText}' is neither * nor organisation paths (/1/7/) separated by commas.");
            return 2;
        }

        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        var filter = Option("filter") ?? "";
        if (Problems(filter) is { Count: > 0 } problems)
        {
            await Console.Error.WriteLineAsync(t["Export.Invalid", string.Join(" ", problems)]);
            return 2;
        }

        var scope = scopeText == "*" ? OrgScope.Everything : new OrgScope(false, paths);
        var watch = Stopwatch.StartNew();
        int rows;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            rows = await WriteAsync(file, scope, filter, cancellationToken);
        }

        using var self = Process.GetCurrentProcess();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"rows={rows} seconds={watch.Elapsed.TotalSeconds:0.00} peakMB={self.PeakWorkingSet64 / 1048576.0:0}"));
        return 0;
    }

    /// <summary>What is wrong with the filter, in the current culture (none: it can be written).</summary>
    protected abstract IReadOnlyList<string> Problems(string filterQuery);

    /// <summary>Writes the workbook; returns its rows.</summary>
    protected abstract Task<int> WriteAsync(Stream file, OrgScope scope, string filterQuery, CancellationToken cancellationToken);
}

/// <summary><c>reports.completion-xlsx</c>: the completion report's workbook (<see cref="CompletionExport.WriteXlsxAsync"/>).</summary>
public sealed class CompletionWorkbookCommand(CompletionExport export, IStringLocalizer<ReportsStrings> t) : WorkbookCommand(t)
{
    public const string CommandName = "reports.completion-xlsx";

    protected override IReadOnlyList<string> Problems(string filterQuery) => ReportFilter.Parse(filterQuery).Validate(T);

    protected override Task<int> WriteAsync(Stream file, OrgScope scope, string filterQuery, CancellationToken cancellationToken) =>
        export.WriteXlsxAsync(file, scope, ReportFilter.Parse(filterQuery), cancellationToken);
}

/// <summary><c>reports.hours-xlsx</c>: the training hours' workbook for a year (<see cref="HoursExport.WriteAsync"/>).</summary>
public sealed class HoursWorkbookCommand(HoursExport export, IStringLocalizer<ReportsStrings> t) : WorkbookCommand(t)
{
    public const string CommandName = "reports.hours-xlsx";

    protected override IReadOnlyList<string> Problems(string filterQuery)
    {
        var problems = new List<string>();
        var filter = HoursFilter.ParseWithYear(filterQuery);
        if (filter is null)
        {
            problems.Add(T["Targets.BadYear"]);
        }
        else if (filter.UnderPath is { } under && !ReportFilter.IsOrgPath(under))
        {
            problems.Add(T["Filter.BadPath"]);
        }

        return problems;
    }

    protected override Task<int> WriteAsync(Stream file, OrgScope scope, string filterQuery, CancellationToken cancellationToken) =>
        export.WriteAsync(file, ExportFormat.Xlsx, scope, HoursFilter.ParseWithYear(filterQuery)!, cancellationToken);
}
