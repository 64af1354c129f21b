using System.Text;

namespace Learning.Quizzes.Services;

/// <summary>CSV for spreadsheets: quoted cells, and a cell a spreadsheet would read as a formula neutralised (OWASP CSV injection).</summary>
public static class CsvExport
{
    /// <summary>UTF-8 with a byte order mark: Excel reads Vietnamese marks correctly only with it.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The text, with a quote before it when a spreadsheet would read it as a formula.</summary>
    public static string Neutral(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    public static string Cell(string? value)
    {
        var text = Neutral(value ?? "");
        return text.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    /// <summary>The file's bytes, preamble included.</summary>
    public static byte[] Bytes(IEnumerable<IEnumerable<string?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(Line(row));
        }

        return [.. Encoding.GetPreamble(), .. Encoding.GetBytes(text.ToString())];
    }
}
