using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Learning.Certificates.Services.Readiness;

/// <summary>
/// The list of "ready, not yet requested" cadres in the layout a signature provider takes: one row per cadre with the columns
/// of a request form. The cadre record holds no date of birth and no citizen id number: those columns stay, empty, for the
/// office to fill in. CSV is UTF-8 with a BOM (Excel then shows Vietnamese); cells that a spreadsheet would run as a formula
/// are prefixed with an apostrophe.
/// </summary>
public static class ProviderExport
{
    public static readonly IReadOnlyList<string> Header =
        ["STT", "Họ và tên", "Ngày sinh", "Số CCCD/Số định danh", "Chức vụ", "Đơn vị", "Xã/Phường", "Tỉnh/Thành phố", "Email", "Điện thoại", "Mã cán bộ"];

    public static IReadOnlyList<IReadOnlyList<string>> Rows(IEnumerable<CadreReadiness> items) =>
        items.Select((r, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(CultureInfo.InvariantCulture), r.Cadre.FullName, "", "", r.Cadre.Position, r.UnitName, r.Commune?.Name ?? "",
            r.Province?.Name ?? "", r.Cadre.Email, r.Cadre.Phone ?? "", r.Cadre.CadreId.ToString(CultureInfo.InvariantCulture),
        ]).ToList();

    public static byte[] Csv(IEnumerable<CadreReadiness> items)
    {
        var text = new StringBuilder();
        foreach (var row in Rows(items).Prepend(Header))
        {
            text.Append(string.Join(',', row.Select(Quote))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(IEnumerable<CadreReadiness> items) => Workbook("Đề nghị cấp chữ ký số", [Header, .. Rows(items)]);

    public static string Quote(string value)
    {
        value = Defuse(value);
        return value.IndexOfAny([',', '"', '\r', '\n', ';']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>A value that starts like a formula (=, +, -, @) is kept as text, unless it is a plain number such as +84….</summary>
    public static string Defuse(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(value) ? "'" + value : value;

    private static bool IsNumber(string value) => value.Length > 1 && value[1..].All(c => char.IsAsciiDigit(c) || c == ' ' || c == '.');

    public static byte[] Workbook(string sheetName, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Count; c++)
                {
                    if (rows[r][c].Length > 0)
                    {
                        row.Append(new Cell
                        {
                            CellReference = ColumnName(c) + (r + 1).ToString(CultureInfo.InvariantCulture),
                            DataType = CellValues.InlineString,
                            InlineString = new InlineString(new Text(rows[r][c]) { Space = SpaceProcessingModeValues.Preserve }),
                        });
                    }
                }

                data.Append(row);
            }

            var worksheet = new Worksheet();
            worksheet.Append(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
            worksheet.Append(new Columns(new Column { Min = 1, Max = 1, Width = 6, CustomWidth = true }, new Column { Min = 2, Max = 20, Width = 24, CustomWidth = true }));
            worksheet.Append(data);
            part.Worksheet = worksheet;
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = sheetName.Length > 31 ? sheetName[..31] : sheetName });
        }

        return stream.ToArray();
    }

    internal static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }

        return name;
    }
}
