using System.Text;

namespace Learning.Quizzes.Services;

/// <summary>
/// RFC 4180 records with the line each starts on (quoted fields, doubled quotes, line breaks inside quotes; comma or semicolon
/// picked from the first line, as Vietnamese-locale spreadsheets write semicolons), and the writer for the same shape. The
/// same rules as Organization's <c>CsvRecords</c> (ADR-002), which this module cannot reference.
/// </summary>
internal static class CsvText
{
    public static List<(int Line, List<string> Fields)> Read(string text, out int? unterminatedLine)
    {
        unterminatedLine = null;
        text = text.TrimStart('\uFEFF');
        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var header = firstLineEnd < 0 ? text : text[..firstLineEnd];
        var separator = header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var quoteLine = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                quoted = true;
                quoteLine = line;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add((recordLine, fields));
                fields = [];
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            unterminatedLine = quoteLine;
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }

        return records;
    }

    public static string Write(IEnumerable<IReadOnlyList<string>> rows)
    {
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            builder.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }

        return builder.ToString();
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', ';', '"', '\r', '\n']) >= 0 || field != field.Trim()
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}
