using System.Globalization;
using System.IO.Packaging;
using System.Security.Claims;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Learning.Certificates.Data;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certificates.Services.Readiness;

/// <summary>A row of the provider's file that can be imported.</summary>
public sealed record ImportedSignature(int Row, int CadreId, string CadreName, string Serial, string Provider, DateOnly ValidFrom, DateOnly ValidTo);

/// <summary>What is wrong with one cell of the file: the row (as the spreadsheet numbers it), the column, a message key.</summary>
public sealed record ImportProblem(int Row, string Column, string MessageKey, string Value);

/// <summary>The file read and checked. <see cref="FileError"/> is a key when the file itself cannot be read.</summary>
public sealed record ImportPreview(IReadOnlyList<ImportedSignature> Rows, IReadOnlyList<ImportProblem> Problems, string? FileError)
{
    public bool CanImport => FileError is null && Problems.Count == 0 && Rows.Count > 0;
}

/// <summary>
/// Issued signatures from the provider's file (CSV or XLSX; columns email or cadre code, serial, provider, valid from, valid to,
/// matched by header, Vietnamese or English, marks and case ignored). Checked row by row (unknown cadre, outside the importer's
/// scope, bad date, valid to before valid from, duplicate serial in the file or already stored), then imported all or nothing in
/// one transaction, with each cadre's history and one audit entry.
/// </summary>
public sealed class SignatureImport(LearningDbContext db, ICadreDirectory cadres, SignatureDesk desk, IAuditTrail audit, TimeProvider clock, ILearningEvents events)
{
    public const int MaxBytes = 2 * 1024 * 1024;

    public const string ColumnEmail = "Email";
    public const string ColumnCode = "Mã cán bộ";
    public const string ColumnSerial = "Số serial";
    public const string ColumnProvider = "Nhà cung cấp";
    public const string ColumnFrom = "Hiệu lực từ";
    public const string ColumnTo = "Hiệu lực đến";

    public static readonly IReadOnlyList<string> TemplateHeader = [ColumnEmail, ColumnCode, ColumnSerial, ColumnProvider, ColumnFrom, ColumnTo];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["email"] = ColumnEmail, ["thudientu"] = ColumnEmail,
        ["macanbo"] = ColumnCode, ["cadrecode"] = ColumnCode, ["cadreid"] = ColumnCode, ["ma"] = ColumnCode,
        ["soserial"] = ColumnSerial, ["serial"] = ColumnSerial, ["serialnumber"] = ColumnSerial, ["sohieuchungthu"] = ColumnSerial,
        ["nhacungcap"] = ColumnProvider, ["provider"] = ColumnProvider,
        ["hieuluctu"] = ColumnFrom, ["validfrom"] = ColumnFrom, ["tungay"] = ColumnFrom,
        ["hieulucden"] = ColumnTo, ["validto"] = ColumnTo, ["denngay"] = ColumnTo,
    };

    private static readonly string[] DateFormats = ["d/M/yyyy", "dd/MM/yyyy", "yyyy-MM-dd", "d-M-yyyy", "d.M.yyyy"];

    public static byte[] TemplateCsv() => CsvOf([TemplateHeader, ["nguyen.van.a@example.vn", "", "5404FFFE1234ABCD", "Ban Cơ yếu Chính phủ", "01/12/2026", "30/11/2029"]]);

    public static byte[] TemplateXlsx() => ProviderExport.Workbook("Chữ ký số đã cấp", [TemplateHeader, ["nguyen.van.a@example.vn", "", "5404FFFE1234ABCD", "Ban Cơ yếu Chính phủ", "01/12/2026", "30/11/2029"]]);

    public async Task<ImportPreview> PreviewAsync(OrgScope scope, string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        if (content.Length == 0)
        {
            return new([], [], "Import.Error.Empty");
        }

        if (content.Length > MaxBytes)
        {
            return new([], [], "Import.Error.TooLarge");
        }

        var table = Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" or ".txt" => ReadCsv(content),
            ".xlsx" => ReadXlsx(content),
            _ => null,
        };
        if (table is null)
        {
            return new([], [], "Import.Error.Format");
        }

        if (table.Count == 0)
        {
            return new([], [], "Import.Error.Empty");
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < table[0].Cells.Count; i++)
        {
            var key = new string(SearchText.Fold(table[0].Cells[i]).Where(char.IsAsciiLetterOrDigit).ToArray());
            if (Aliases.TryGetValue(key, out var column))
            {
                columns.TryAdd(column, i);
            }
        }

        var missing = new[] { ColumnSerial, ColumnProvider, ColumnFrom, ColumnTo }.Where(c => !columns.ContainsKey(c)).ToList();
        if (!columns.ContainsKey(ColumnEmail) && !columns.ContainsKey(ColumnCode))
        {
            missing.Insert(0, ColumnEmail);
        }

        if (missing.Count > 0)
        {
            return new([], missing.Select(c => new ImportProblem(table[0].Row, c, "Import.Error.MissingColumn", "")).ToList(), null);
        }

        var everyone = await cadres.RecordsAsync(OrgScope.Everything, cancellationToken);
        var byEmail = everyone.GroupBy(c => c.Email.Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byId = everyone.ToDictionary(c => c.CadreId);
        var storedSerials = (await db.Set<SignatureRecord>().AsNoTracking().Where(s => s.Serial != null).Select(s => s.Serial!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var rows = new List<ImportedSignature>();
        var problems = new List<ImportProblem>();
        var serialsInFile = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var cadresInFile = new Dictionary<int, int>();
        foreach (var line in table.Skip(1))
        {
            string Cell(string column) => columns.TryGetValue(column, out var i) && i < line.Cells.Count ? line.Cells[i].Trim() : "";
            if (line.Cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var before = problems.Count;
            void Problem(string column, string key, string value) => problems.Add(new ImportProblem(line.Row, column, key, value));

            CadreRecord? cadre = null;
            var (email, code) = (Cell(ColumnEmail), Cell(ColumnCode));
            if (code.Length > 0)
            {
                if (!int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || !byId.TryGetValue(id, out cadre))
                {
                    Problem(ColumnCode, "Import.Error.UnknownCadre", code);
                }
            }
            else if (email.Length > 0)
            {
                if (!byEmail.TryGetValue(email.ToLowerInvariant(), out cadre))
                {
                    Problem(ColumnEmail, "Import.Error.UnknownCadre", email);
                }
            }
            else
            {
                Problem(ColumnEmail, "Import.Error.NoCadre", "");
            }

            if (cadre is not null && !scope.Contains(cadre.OrgPath))
            {
                Problem(code.Length > 0 ? ColumnCode : ColumnEmail, "Import.Error.OutsideScope", code.Length > 0 ? code : email);
                cadre = null;
            }

            if (cadre is not null && !cadresInFile.TryAdd(cadre.CadreId, line.Row))
            {
                Problem(code.Length > 0 ? ColumnCode : ColumnEmail, "Import.Error.CadreTwice", code.Length > 0 ? code : email);
            }

            var serial = Cell(ColumnSerial);
            if (serial.Length == 0)
            {
                Problem(ColumnSerial, "Import.Error.Required", "");
            }
            else if (serial.Length > 100)
            {
                Problem(ColumnSerial, "Import.Error.TooLong", serial[..100]);
            }
            else if (!serialsInFile.TryAdd(serial, line.Row))
            {
                Problem(ColumnSerial, "Import.Error.DuplicateSerialInFile", serial);
            }
            else if (storedSerials.Contains(serial))
            {
                Problem(ColumnSerial, "Import.Error.DuplicateSerial", serial);
            }

            var provider = Cell(ColumnProvider);
            if (provider.Length == 0)
            {
                Problem(ColumnProvider, "Import.Error.Required", "");
            }
            else if (provider.Length > 200)
            {
                Problem(ColumnProvider, "Import.Error.TooLong", provider[..200]);
            }

            var from = ParseDate(Cell(ColumnFrom));
            if (from is null)
            {
                Problem(ColumnFrom, "Import.Error.BadDate", Cell(ColumnFrom));
            }

            var to = ParseDate(Cell(ColumnTo));
            if (to is null)
            {
                Problem(ColumnTo, "Import.Error.BadDate", Cell(ColumnTo));
            }
            else if (from is not null && to < from)
            {
                Problem(ColumnTo, "Import.Error.ToBeforeFrom", Cell(ColumnTo));
            }

            if (problems.Count == before && cadre is not null)
            {
                rows.Add(new ImportedSignature(line.Row, cadre.CadreId, cadre.FullName, serial, provider, from!.Value, to!.Value));
            }
        }

        return new(rows, problems, rows.Count == 0 && problems.Count == 0 ? "Import.Error.NoRows" : null);
    }

    /// <summary>Checks the file again and, when every row is good, records every signature in one transaction; else changes nothing.</summary>
    public async Task<(ImportPreview Preview, int Imported)> ImportAsync(OrgScope scope, string fileName, byte[] content, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var preview = await PreviewAsync(scope, fileName, content, cancellationToken);
        if (!preview.CanImport)
        {
            return (preview, 0);
        }

        await db.InTransactionAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            var now = clock.GetUtcNow().UtcDateTime;
            var ids = preview.Rows.Select(r => r.CadreId).ToList();
            var records = await db.Set<SignatureRecord>().Where(s => ids.Contains(s.CadreId)).ToDictionaryAsync(s => s.CadreId, ct);
            var users = (await cadres.RecordsAsync(scope, ids, ct)).Where(r => r.UserId is not null).ToDictionary(r => r.CadreId, r => r.UserId!);
            var today = DateOnly.FromDateTime(LocalTime.ToLocal(now));
            foreach (var row in preview.Rows)
            {
                if (!records.TryGetValue(row.CadreId, out var record))
                {
                    record = new SignatureRecord { CadreId = row.CadreId };
                    db.Add(record);
                }

                var details = SignatureDesk.Describe(row.Serial, row.Provider, row.ValidFrom, row.ValidTo);
                if (record.Serial is null && users.TryGetValue(row.CadreId, out var userId))
                {
                    // A newly issued signature is a readiness transition (a corrected one is not).
                    var state = ReadinessRules.Compute(new ReadinessInput(new HashSet<int>(), new HashSet<int>(), new HashSet<int>(),
                        new SignatureFacts(true, false, row.Serial, row.ValidFrom, row.ValidTo), today));
                    await events.RecordAsync(ReadinessEvents.Changed(userId, state, now), ct);
                }

                if (record.Serial is not null)
                {
                    details = SignatureDesk.Describe(record.Serial, record.Provider ?? "", record.ValidFrom, record.ValidTo) + " → " + details;
                }

                SignatureDesk.Apply(record, row.Serial, row.Provider, row.ValidFrom, row.ValidTo, now);
                desk.AddEvent(row.CadreId, SignatureActions.Imported, $"{Path.GetFileName(fileName)}, row {row.Row}: {details}", user, now);
            }

            audit.Record("certificates.signature.imported", Path.GetFileName(fileName), $"{preview.Rows.Count} signatures; cadres: {string.Join(",", ids)}", user);
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        return (preview, preview.Rows.Count);
    }

    public static DateOnly? ParseDate(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        // A date typed into Excel is stored as a serial number of days.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        }

        return DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? DateOnly.FromDateTime(time)
            : null;
    }

    private sealed record Line(int Row, IReadOnlyList<string> Cells);

    private static byte[] CsvOf(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(string.Join(',', row.Select(ProviderExport.Quote))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>RFC 4180: quoted fields with doubled quotes and line breaks; comma or semicolon, whichever the header uses more.</summary>
    private static List<Line>? ReadCsv(byte[] content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        var separator = header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
        var lines = new List<Line>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var (row, recordRow, quoted) = (1, 1, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    row += c == '\n' ? 1 : 0;
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(cell.ToString());
                cell.Clear();
                lines.Add(new Line(recordRow, cells));
                cells = [];
                recordRow = ++row;
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            lines.Add(new Line(recordRow, cells));
        }

        return lines.Where(l => l.Cells.Any(c => c.Length > 0)).ToList();
    }

    private static List<Line>? ReadXlsx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook");
            var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("No sheet");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id?.Value ?? "");
            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var lines = new List<Line>();
            foreach (var row in part.Worksheet?.Descendants<Row>() ?? [])
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < column)
                    {
                        cells.Add("");
                    }

                    cells.Add(Value(cell, shared));
                }

                if (cells.Any(c => c.Length > 0))
                {
                    lines.Add(new Line((int)(row.RowIndex?.Value ?? (uint)(lines.Count + 1)), cells));
                }
            }

            return lines;
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            return null;
        }
    }

    private static string Value(Cell cell, List<string> shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(cell.CellValue?.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count ? shared[i] : "";
        }

        return type == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : cell.CellValue?.Text ?? "";
    }

    private static int? ColumnIndex(string? reference)
    {
        var index = 0;
        foreach (var c in (reference ?? "").TakeWhile(char.IsAsciiLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index == 0 ? null : index - 1;
    }
}
