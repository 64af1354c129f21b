using Learning.Organization;
using Learning.Reports.Services.Completion;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Services.Exports;

/// <summary>
/// The training-hours report as a file (CSV, or XLSX): one row per cadre in the reader's scope with the year's hours, the
/// position's target and whether it is met, streamed from <see cref="ReportReads.HoursRowsAsync"/> in the page's order.
/// </summary>
public sealed class HoursExport(ReportReads reads, IStringLocalizer<ReportsStrings> t)
{
    public IReadOnlyList<ExportColumn> Columns() =>
    [
        new(t["Export.Col.CadreId"], ExportColumnKind.Number, 10),
        new(t["Export.Col.FullName"], ExportColumnKind.Text, 26),
        new(t["Export.Col.Position"], ExportColumnKind.Text, 24),
        new(t["Export.Col.Unit"], ExportColumnKind.Text, 28),
        new(t["Col.Hours"], ExportColumnKind.Number, 10),
        new(t["Col.Target"], ExportColumnKind.Number, 12),
        new(t["Col.Met"], ExportColumnKind.Text, 12),
    ];

    /// <summary>The file's name without its extension, in Vietnamese: the report and its year.</summary>
    public string FileBaseName(int year) => t["Export.HoursFileName", year];

    public async Task<int> WriteAsync(Stream output, ExportFormat format, OrgScope scope, HoursFilter filter, CancellationToken cancellationToken = default)
    {
        var rows = Rows(scope, filter, cancellationToken);
        if (format == ExportFormat.Csv)
        {
            return await CsvExportWriter.WriteAsync(output, Columns(), rows, cancellationToken);
        }

        using var workbook = new XlsxStreamWriter(output);
        return await workbook.WriteSheetAsync(t["Export.Sheet.Hours", filter.Year], Columns(), rows, cancellationToken);
    }

    private async IAsyncEnumerable<object?[]> Rows(OrgScope scope, HoursFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string met = t["Hours.Met"], notMet = t["Hours.NotMet"];
        await foreach (var r in reads.HoursRowsAsync(scope, filter, cancellationToken))
        {
            yield return [r.CadreId, r.FullName, r.Position, r.UnitName, r.Hours, r.Target, r.Target is null ? null : r.Met ? met : notMet];
        }
    }
}
