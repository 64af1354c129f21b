using System.Globalization;
using System.Text;

namespace Learning.Reports.Services.Exports;

/// <summary>
/// RFC 4180 CSV in UTF-8 with a byte-order mark (so Excel reads Vietnamese right), CRLF line ends, written row by row to the
/// stream: the rows are never held together. Text is neutralised (<see cref="FormulaGuard"/>); numbers are written with the
/// invariant culture, dates as ISO dates (yyyy-MM-dd), which every spreadsheet reads as dates whatever its locale.
/// </summary>
public static class CsvExportWriter
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Writes the header and the rows; returns how many rows were written (the header not counted).</summary>
    public static async Task<int> WriteAsync(Stream output, IReadOnlyList<ExportColumn> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        var line = new StringBuilder(256);
        AppendRow(line, columns.Select(c => (object?)c.Header).ToArray(), null);
        await writer.WriteAsync(line, cancellationToken);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            AppendRow(line, row, columns);
            await writer.WriteAsync(line, cancellationToken);
            count++;
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>One field as RFC 4180 has it: quoted when it holds a comma, a quote, CR or LF (quotes doubled).</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n;") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    internal static string Format(object? value, ExportColumnKind kind) => value switch
    {
        null => "",
        string text => FormulaGuard.Neutralise(text),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString(time.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        double number when kind == ExportColumnKind.Percent => Math.Round(number * 100, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%",
        double number => number.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => FormulaGuard.Neutralise(value.ToString() ?? ""),
    };

    private static void AppendRow(StringBuilder line, object?[] row, IReadOnlyList<ExportColumn>? columns)
    {
        for (var i = 0; i < row.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Field(Format(row[i], columns is null ? ExportColumnKind.Text : columns[i].Kind)));
        }

        line.Append("\r\n");
    }
}
