using System.Text;

namespace Learning.Organization.Services;

/// <summary>
/// An RFC 4180 reader: quoted fields with doubled quotes and line breaks, CRLF or LF, comma or semicolon (picked from the header
/// line, as spreadsheet exports in Vietnamese locales use semicolons). Reports the line each record starts on.
/// </summary>
public static class CsvRecords
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    public sealed class MalformedCsvException(int line) : Exception($"Unterminated quoted field starting on line {line}")
    {
        public int Line { get; } = line;
    }

    public static IEnumerable<Record> Read(TextReader reader)
    {
        var text = reader.ReadToEnd();
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var headerLine = firstLineEnd < 0 ? text : text[..firstLineEnd];
        var separator = headerLine.Count(c => c == ';') > headerLine.Count(c => c == ',') ? ';' : ',';

        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        var inQuotes = false;
        var quoteStart = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    inQuotes = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    quoteStart = line;
                    break;
                case var s when s == separator:
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r' or '\n':
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    fields.Add(field.ToString());
                    field.Clear();
                    yield return new Record(recordLine, fields);
                    fields = [];
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }

            i++;
        }

        if (inQuotes)
        {
            throw new MalformedCsvException(quoteStart);
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new Record(recordLine, fields);
        }
    }
}
