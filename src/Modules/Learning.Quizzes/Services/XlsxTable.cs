using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Learning.Quizzes.Services;

/// <summary>
/// A workbook of one sheet holding a table, for the results a trainer downloads: a frozen header row, numbers as numbers (a
/// spreadsheet sums and sorts them), text as inline strings, and a text a spreadsheet would read as a formula neutralised
/// as the CSV does (<see cref="CsvExport.Neutral"/>).
/// </summary>
public static class XlsxTable
{
    public static byte[] Write(string sheetName, IReadOnlyList<string> header, IEnumerable<object?[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(RowOf(1, [.. header]));
            var index = 1u;
            foreach (var row in rows)
            {
                data.Append(RowOf(++index, row));
            }

            var worksheet = new Worksheet();
            worksheet.Append(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
            worksheet.Append(new Columns(new Column { Min = 1, Max = 2, Width = 30, CustomWidth = true }, new Column { Min = 3, Max = (uint)Math.Max(3, header.Count), Width = 14, CustomWidth = true }));
            worksheet.Append(data);
            part.Worksheet = worksheet;
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = sheetName.Length > 31 ? sheetName[..31] : sheetName });
        }

        return stream.ToArray();
    }

    private static Row RowOf(uint index, object?[] values)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < values.Length; c++)
        {
            var reference = XlsxQuestionFormat.ColumnName(c) + index.ToString(CultureInfo.InvariantCulture);
            switch (values[c])
            {
                case null:
                case string { Length: 0 }:
                    break;
                case string text:
                    row.Append(new Cell
                    {
                        CellReference = reference,
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new Text(CsvExport.Neutral(text)) { Space = SpaceProcessingModeValues.Preserve }),
                    });
                    break;
                case decimal d:
                    row.Append(new Cell { CellReference = reference, CellValue = new CellValue(d.ToString("0.##########", CultureInfo.InvariantCulture)) });
                    break;
                case IFormattable number:
                    row.Append(new Cell { CellReference = reference, CellValue = new CellValue(number.ToString(null, CultureInfo.InvariantCulture)) });
                    break;
                default:
                    throw new ArgumentException($"A cell of type {values[c]!.GetType().Name} has no spreadsheet form.", nameof(values));
            }
        }

        return row;
    }
}
