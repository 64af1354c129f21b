using System.Text;
using Microsoft.Extensions.Localization;

namespace Learning.Organization.Services;

/// <summary>Reads the cadre CSV (UTF-8, header row). Row numbers in errors are the file's line numbers.</summary>
public sealed class CadreCsvReader(IStringLocalizer<OrganizationStrings> t)
{
    public static readonly string[] Columns = ["email", "fullName", "position", "unitCode", "phone", "joinedOn", "transferredFrom", "accountingOfficer"];

    private static readonly string[] Required = ["email", "fullName", "unitCode"];

    public sealed record ReadResult(IReadOnlyList<CadreInput> Rows, IReadOnlyList<int> LineNumbers, string? FileError);

    public ReadResult Read(Stream stream)
    {
        var rows = new List<CadreInput>();
        var lines = new List<int>();
        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            using var reader = new StreamReader(stream, strictUtf8, detectEncodingFromByteOrderMarks: false);
            using var records = CsvRecords.Read(reader).GetEnumerator();
            if (!records.MoveNext())
            {
                return new ReadResult(rows, lines, t["Import.EmptyFile"]);
            }

            var header = records.Current.Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
            var missing = Required.Where(c => !header.Contains(c.ToLowerInvariant())).ToList();
            if (missing.Count > 0)
            {
                return new ReadResult(rows, lines, t["Import.MissingColumns", string.Join(", ", missing), string.Join(",", Columns)]);
            }

            var index = Columns.ToDictionary(c => c, c => header.IndexOf(c.ToLowerInvariant()));
            while (records.MoveNext())
            {
                var record = records.Current;
                if (record.Fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                string? Field(string name) => index[name] is var i && i >= 0 && i < record.Fields.Count ? record.Fields[i] : null;
                rows.Add(new CadreInput(Field("email"), Field("fullName"), Field("position"), Field("unitCode"), Field("phone"),
                    Field("joinedOn"), Field("transferredFrom"), Field("accountingOfficer")));
                lines.Add(record.Line);
                if (rows.Count > CadreImporter.MaxRows)
                {
                    break;
                }
            }
        }
        catch (DecoderFallbackException)
        {
            return new ReadResult([], [], t["Import.NotUtf8"]);
        }
        catch (CsvRecords.MalformedCsvException ex)
        {
            return new ReadResult([], [], t["Import.Malformed", ex.Line]);
        }

        return new ReadResult(rows, lines, null);
    }
}
