using System.Diagnostics;
using System.Globalization;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Services.Completion;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Reports.Services.Exports;

/// <summary>Where the completion report's workbook is written (ADR-047).</summary>
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

    /// <summary>Where the completion report's XLSX is written: <c>Auto</c>, <c>Always</c> or <c>Never</c> in a process of its own.</summary>
    public ExportProcessMode Process { get; set; } = ExportProcessMode.Auto;
}

/// <summary>
/// The completion report's XLSX, written into a file either by this node or by a process of its own (ADR-047). A province's or
/// the country's workbook (up to hundreds of thousands of rows) is written by a child process of the host, so the node that
/// serves pages and exams carries none of the export's memory, code or collections; a commune's (hundreds of rows) is written
/// here, where it costs a fraction of a second and no process start. Either way the rows are the caller's scope and filter, and
/// the workbook the same cells (<see cref="CompletionExport.WriteXlsxAsync"/> writes both).
/// </summary>
public sealed class CompletionWorkbooks(CompletionExport export, IHostProcesses processes, IOptions<ExportOptions> options)
{
    /// <summary>True when the workbook is written by a process of its own.</summary>
    public bool Separate(OrgScope scope, ReportFilter filter) => options.Value.Process switch
    {
        ExportProcessMode.Always => true,
        ExportProcessMode.Never => false,
        _ => !WithinACommune(scope, filter),
    };

    /// <summary>Writes the workbook into <paramref name="path"/> (a new file). Throws when its process failed.</summary>
    public async Task WriteAsync(string path, OrgScope scope, ReportFilter filter, CancellationToken cancellationToken = default)
    {
        if (!Separate(scope, filter))
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
            await export.WriteXlsxAsync(file, scope, filter, cancellationToken);
            return;
        }

        var result = await processes.RunAsync(CompletionWorkbookCommand.CommandName, CompletionWorkbookCommand.Arguments(path, scope, filter, CultureInfo.CurrentUICulture), cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The workbook's process failed (exit code {result.ExitCode}): {result.Error.Trim()}");
        }
    }

    /// <summary>
    /// True when every row is within one commune or ward: a unit is named, or the subtree asked for, or every path of the caller's
    /// scope, is a commune's or lies below one (<c>/province/commune/</c>: two levels or more).
    /// </summary>
    internal static bool WithinACommune(OrgScope scope, ReportFilter filter) =>
        filter.UnitId is not null
        || (filter.UnderPath is { } under && Depth(under) >= 2)
        || (!scope.Unrestricted && scope.Paths.Count > 0 && scope.Paths.All(p => Depth(p) >= 2));

    private static int Depth(string path) => path.Count(c => c == '/') - 1;
}

/// <summary>
/// <c>Learning.Web process reports.completion-xlsx --out FILE --culture vi --scope *|PATH,PATH… --filter QUERY</c>: the completion
/// report's workbook for that scope and filter, written into a new FILE (ADR-047). Prints the rows written, the seconds and the
/// process's peak resident memory. The parent checked the caller's rights and the filter's units against the scope; the scope
/// given here is a WHERE clause of every query, as in the node.
/// </summary>
public sealed class CompletionWorkbookCommand(CompletionExport export, IStringLocalizer<ReportsStrings> t) : IHostCommand
{
    public const string CommandName = "reports.completion-xlsx";

    public static IReadOnlyList<string> Arguments(string path, OrgScope scope, ReportFilter filter, CultureInfo culture) =>
    [
        "--out", path,
        "--culture", culture.Name,
        "--scope", scope.Unrestricted ? "*" : string.Join(',', scope.Paths),
        "--filter", filter.ToQueryString(),
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
            await Console.Error.WriteLineAsync("Usage: reports.completion-xlsx --out FILE --culture vi|en --scope *|PATH,PATH… [--filter QUERY]");
            return 2;
        }

        var paths = scopeText == "*" ? [] : scopeText.Split(',');
        if (paths.Any(p => !ReportFilter.IsOrgPath(p)))
        {
            await Console.Error.WriteLineAsync($"--scope: '{scopeText}' is neither * nor organisation paths (/1/7/) separated by commas.");
            return 2;
        }

        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        var filter = ReportFilter.Parse(Option("filter") ?? "");
        if (filter.Validate(t) is { Count: > 0 } problems)
        {
            await Console.Error.WriteLineAsync(t["Export.Invalid", string.Join(" ", problems)]);
            return 2;
        }

        var scope = scopeText == "*" ? OrgScope.Everything : new OrgScope(false, paths);
        var watch = Stopwatch.StartNew();
        int rows;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            rows = await export.WriteXlsxAsync(file, scope, filter, cancellationToken);
        }

        using var self = Process.GetCurrentProcess();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"rows={rows} seconds={watch.Elapsed.TotalSeconds:0.00} peakMB={self.PeakWorkingSet64 / 1048576.0:0}"));
        return 0;
    }
}
