using System.Globalization;
using System.IO.Packaging;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Learning.Quizzes.Services;

/// <summary>Questions as an Excel workbook in the <see cref="QuestionSheet"/> layout: the first sheet is read, the template adds a help sheet.</summary>
public static class XlsxQuestionFormat
{
    private const string SheetName = "Câu hỏi";

    private static readonly string[] Help =
    [
        "Mỗi dòng của trang \"Câu hỏi\" là một câu hỏi; dòng đầu là tiêu đề cột, giữ nguyên.",
        "Loại: Một đáp án, Nhiều đáp án, Đúng/Sai, Trả lời ngắn, Số, Ghép cặp, Sắp xếp, Tự luận.",
        "Danh mục: tên các danh mục từ ngoài vào trong, cách nhau bằng dấu /, ví dụ: Kỹ năng số/Chữ ký số.",
        "Mã: mã riêng của câu hỏi (không bắt buộc); nhập lại một mã đã có sẽ cập nhật câu hỏi đó.",
        "Đáp án đúng bắt đầu bằng dấu *; đáp án được một phần điểm bắt đầu bằng %50% (trừ điểm: %-50%).",
        "Trả lời ngắn và Số: mỗi ô là một đáp án được chấp nhận, đủ điểm nếu không ghi %…%.",
        "Số: giá trị:sai số cho phép, ví dụ 3.14:0.01; Đơn vị: m=1; km=1000.",
        "Đúng/Sai: Đáp án 1 là Đúng, Đáp án 2 là Sai; đánh dấu * vào đáp án đúng.",
        "Ghép cặp: mỗi ô là \"vế trái -> vế phải\"; ô \"-> vế phải\" là phương án gây nhiễu.",
        "Sắp xếp: các mục theo đúng thứ tự.",
        "Tùy chọn: không trộn; bỏ qua dấu; phân biệt hoa thường; bắt buộc đơn vị.",
    ];

    public static QuestionImport Read(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        try
        {
            using var document = SpreadsheetDocument.Open(copy, false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook");
            var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("No sheet");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id?.Value ?? "");
            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var name = sheet.Name?.Value ?? "Sheet1";
            var rows = part.Worksheet?.Descendants<Row>().Select(row =>
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

                return ($"{name}!A{row.RowIndex?.Value ?? 0}", (IReadOnlyList<string>)cells);
            }).ToList() ?? [];
            return QuestionSheet.Read(rows);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            return QuestionImport.FileProblem("1", ImportCodes.NotXlsx);
        }
    }

    public static byte[] Write(IEnumerable<PortableQuestion> questions) => Workbook(QuestionSheet.Rows(questions), help: false);

    /// <summary>The header, three Vietnamese examples, and a sheet that explains the columns.</summary>
    public static byte[] Template() => Workbook(QuestionSheet.Rows(QuestionSheet.Examples), help: true);

    private static byte[] Workbook(IReadOnlyList<IReadOnlyList<string>> rows, bool help)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            AddSheet(workbook, sheets, 1, SheetName, rows, freezeHeader: true);
            if (help)
            {
                AddSheet(workbook, sheets, 2, "Hướng dẫn", Help.Select(h => (IReadOnlyList<string>)[h]).ToList(), freezeHeader: false);
            }
        }

        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, IReadOnlyList<IReadOnlyList<string>> rows, bool freezeHeader)
    {
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
        if (freezeHeader)
        {
            worksheet.Append(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
            worksheet.Append(new Columns(new Column { Min = 1, Max = 4, Width = 20, CustomWidth = true }, new Column { Min = 5, Max = 5, Width = 50, CustomWidth = true }, new Column { Min = 6, Max = 40, Width = 25, CustomWidth = true }));
        }
        else
        {
            worksheet.Append(new Columns(new Column { Min = 1, Max = 1, Width = 120, CustomWidth = true }));
        }

        worksheet.Append(data);
        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static string Value(Cell cell, List<string> shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(cell.CellValue?.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count ? shared[i] : "";
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        if (type == CellValues.Boolean)
        {
            return cell.CellValue?.Text == "1" ? "TRUE" : "FALSE";
        }

        var text = cell.CellValue?.Text ?? "";
        // Excel stores typed numbers with up to 17 digits (0.1 as 0.10000000000000001): read them back as the shortest form.
        return type is null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? FormatText.Number(number) : text;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index == 0 ? null : index - 1;
    }

    /// <summary>A column's letters (0: A, 26: AA).</summary>
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
