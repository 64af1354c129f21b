using System.Diagnostics;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Learning.Certificates.Services.Pdf;
using Learning.Reports.Services.Exports;
using Microsoft.VisualBasic.FileIO;

namespace Learning.UnitTests.Reports;

public sealed class ExportWritersTests
{
    private static readonly ExportColumn[] Columns =
    [
        new("Mã", ExportColumnKind.Number, 8),
        new("Họ và tên", ExportColumnKind.Text, 28),
        new("Hạn hoàn thành", ExportColumnKind.Date, 14),
        new("Tỉ lệ", ExportColumnKind.Percent, 10),
        new("Ghi chú", ExportColumnKind.Text, 20),
    ];

    private static readonly object?[][] Rows =
    [
        [1, "Nguyễn Thị Ngọc Diệp", new DateOnly(2026, 12, 15), 0.75, "Văn phòng HĐND, UBND \"xã\""],
        [2, "=HYPERLINK(\"http://x\",\"bấm\")", null, 0.0, "@SUM(A1)"],
        [3, "-2+3", new DateOnly(2027, 1, 2), 1.0, "\tTab\r\nxuống dòng"],
        [-4, "+84 905", null, null, "Trần Hữu Lực"],
    ];

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+84", "'+84")]
    [InlineData("-x", "'-x")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tA", "'\tA")]
    [InlineData("\rA", "'\rA")]
    [InlineData("Lê Văn Thắng", "Lê Văn Thắng")]
    [InlineData("", "")]
    [InlineData("a=b", "a=b")]
    public void Neutralise_PrefixesFormulaStarters(string value, string expected) => Assert.Equal(expected, FormulaGuard.Neutralise(value));

    [Fact]
    public async Task Csv_HasBomQuotesPerRfc4180_NeutralisesText_KeepsNumbers()
    {
        using var output = new MemoryStream();
        var count = await CsvExportWriter.WriteAsync(output, Columns, Rows.ToAsyncEnumerable());
        Assert.Equal(4, count);
        var bytes = output.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Mã,Họ và tên,Hạn hoàn thành,Tỉ lệ,Ghi chú\r\n", text, StringComparison.Ordinal);

        using var parser = new TextFieldParser(new StringReader(text)) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var parsed = new List<string[]>();
        while (!parser.EndOfData)
        {
            parsed.Add(parser.ReadFields()!);
        }

        Assert.Equal(5, parsed.Count);
        Assert.Equal(["1", "Nguyễn Thị Ngọc Diệp", "2026-12-15", "75%", "Văn phòng HĐND, UBND \"xã\""], parsed[1]);
        Assert.Equal(["2", "'=HYPERLINK(\"http://x\",\"bấm\")", "", "0%", "'@SUM(A1)"], parsed[2]);
        Assert.Equal("'-2+3", parsed[3][1]);
        Assert.Equal("'\tTab\nxuống dòng", parsed[3][4].Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(["-4", "'+84 905"], parsed[4][..2]); // a number written as a number is not touched
        Assert.All(parsed.Skip(1).SelectMany(r => r), f => Assert.False(f.Length > 0 && f[0] is '=' or '+' or '@' or '\t' or '\r' || (f.StartsWith('-') && f != "-4"), f));
    }

    [Fact]
    public async Task Xlsx_OpensWithOpenXml_TextStaysText_NumbersAndDatesTyped_HeaderFrozen()
    {
        using var output = new MemoryStream();
        using (var writer = new XlsxStreamWriter(output))
        {
            Assert.Equal(4, await writer.WriteSheetAsync("Cán bộ: chi tiết/ngày [1]", Columns, Rows.ToAsyncEnumerable()));
            await writer.WriteSheetAsync("Tổng hợp", [new("Xã", ExportColumnKind.Text), new("Số", ExportColumnKind.Number)], [["Phước Đồng", 3], ["Vĩnh\u0001 Lương\uFFFE", 4]]);
        }

        output.Position = 0;
        using var document = SpreadsheetDocument.Open(output, false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Cán bộ  chi tiết ngày  1", "Tổng hợp"], sheets.Select(s => s.Name!.Value));
        var part = (WorksheetPart)workbook.GetPartById(sheets[0].Id!);
        var cells = part.Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        string Text(string reference) => cells[reference].InlineString!.InnerText;

        Assert.Equal("Họ và tên", Text("B1"));
        Assert.Equal("Nguyễn Thị Ngọc Diệp", Text("B2"));
        Assert.Equal("'=HYPERLINK(\"http://x\",\"bấm\")", Text("B3"));
        Assert.Equal(CellValues.InlineString, cells["B3"].DataType!.Value);
        Assert.Null(cells["B3"].CellFormula);
        Assert.Empty(part.Worksheet.Descendants<CellFormula>());
        Assert.Equal("'@SUM(A1)", Text("E3"));
        Assert.Equal("'-2+3", Text("B4"));
        Assert.Equal("-4", cells["A5"].CellValue!.Text);
        Assert.Null(cells["A5"].DataType);
        Assert.Equal(new DateTime(2026, 12, 15), DateTime.FromOADate(double.Parse(cells["C2"].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("0.75", cells["D2"].CellValue!.Text);
        Assert.False(cells.ContainsKey("C3")); // no value, no cell
        var pane = part.Worksheet.Descendants<Pane>().Single();
        Assert.Equal((PaneStateValues.Frozen, 1.0), (pane.State!.Value, pane.VerticalSplit!.Value));
        Assert.Equal(5, part.Worksheet.Descendants<Column>().Count());
        Assert.Equal("A1:E5", part.Worksheet.Descendants<AutoFilter>().Single().Reference!.Value);

        // The second sheet: the writer's reused cells carry each value and style of their own; characters XML cannot carry
        // (a control character pasted into a name) are dropped, the rest of the name kept.
        var second = ((WorksheetPart)workbook.GetPartById(sheets[1].Id!)).Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        Assert.Equal(["A1", "B1", "A2", "B2", "A3", "B3"], second.Keys);
        Assert.Equal(("Xã", 1U), (second["A1"].InlineString!.InnerText, second["A1"].StyleIndex!.Value));
        Assert.Equal(("Phước Đồng", "3"), (second["A2"].InlineString!.InnerText, second["B2"].CellValue!.Text));
        Assert.Equal(("Vĩnh Lương", "4"), (second["A3"].InlineString!.InnerText, second["B3"].CellValue!.Text));
        Assert.Null(second["A2"].StyleIndex);
        Assert.Null(second["B3"].StyleIndex);

        // Styles: the date cell's format is a date, the ratio's a percentage.
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var numberFormats = workbook.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(n => n.NumberFormatId!.Value, n => n.FormatCode!.Value);
        Assert.Equal("dd/mm/yyyy", numberFormats[formats[(int)cells["C2"].StyleIndex!.Value].NumberFormatId!.Value]);
        Assert.Equal("0.0%", numberFormats[formats[(int)cells["D2"].StyleIndex!.Value].NumberFormatId!.Value]);
    }

    [Fact]
    public async Task Xlsx_OpenpyxlReadsIt_AsASpreadsheetUserWould()
    {
        var path = Path.Combine(Path.GetTempPath(), "learning-reports-" + Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            await using (var file = File.Create(path))
            using (var writer = new XlsxStreamWriter(file))
            {
                await writer.WriteSheetAsync("Chi tiết", Columns, Rows.ToAsyncEnumerable());
            }

            var script = "import openpyxl,sys\nws=openpyxl.load_workbook(sys.argv[1]).active\nprint(ws.freeze_panes)\n"
                + "for r in ws.iter_rows(values_only=True):\n  print('|'.join('' if v is None else (v.strftime('%Y-%m-%d') if hasattr(v,'strftime') else str(v)) for v in r))\n";
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(path);
            start.Environment["PYTHONIOENCODING"] = "utf-8";
            using var process = Process.Start(start)!;
            var stdout = await process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, stderr);
            var lines = stdout.Split('\n');
            Assert.Equal("A2", lines[0]);
            Assert.Equal("Mã|Họ và tên|Hạn hoàn thành|Tỉ lệ|Ghi chú", lines[1]);
            Assert.Equal("1|Nguyễn Thị Ngọc Diệp|2026-12-15|0.75|Văn phòng HĐND, UBND \"xã\"", lines[2]);
            Assert.StartsWith("2|'=HYPERLINK", lines[3], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Pdf_KeepsEveryVietnameseMark_AndPaginatesALongTable()
    {
        CertificateFonts.Install();
        var rows = Enumerable.Range(1, 90).Select(i => (IReadOnlyList<string>)[$"Xã Phước Đồng {i}", "12", "3", "4", "5", "1", "41,7 %"]).ToList();
        var summary = new PdfSummary(
            "Báo cáo tiến độ hoàn thành khóa học",
            [new("Phạm vi", "Tỉnh Khánh Hòa"), new("Bộ lọc", "Trạng thái: Chưa bắt đầu; Chức vụ: Công chức Tư pháp – Hộ tịch"), new("Ngày lập", "02/12/2026 14:35")],
            "Theo đơn vị",
            [new("Đơn vị", 3, false), new("Được giao", 1, true), new("Chưa bắt đầu", 1, true), new("Đang học", 1, true), new("Hoàn thành", 1, true), new("Quá hạn", 1, true), new("Tỉ lệ hoàn thành", 1.2, true)],
            rows,
            [
                new PdfBarChart("Tỉ lệ hoàn thành theo xã", [new("Phường Nha Trang", 0.75, "75 %"), new("Xã Cam Hải Đông", 0.1, "10 %"), new("Xã Ninh Phước", 0, "0 %")]),
                new PdfLineChart("Số lượt hoàn thành mỗi tuần", [.. Enumerable.Range(0, 12).Select(i => new PdfPoint($"{7 + i:00}/09", i * i % 7))]),
                new PdfFunnelChart("Phễu sẵn sàng ký số: Tỉnh Khánh Hòa", [new("Chưa bắt đầu", 120), new("Đang bồi dưỡng", 80), new("Đủ điều kiện", 31), new("Đã đề nghị cấp", 12), new("Đã được cấp", 5)]),
            ],
            "Không có dữ liệu",
            "Trang");
        var pdf = PdfSummaryWriter.Write(summary);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), "learning-reports-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8, ArgumentList = { "-enc", "UTF-8", path, "-" } };
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Báo cáo tiến độ hoàn thành khóa học", text, StringComparison.Ordinal);
            Assert.Contains("Công chức Tư pháp – Hộ tịch", text, StringComparison.Ordinal);
            Assert.Contains("Xã Phước Đồng 90", text, StringComparison.Ordinal);
            Assert.Contains("Tỉ lệ hoàn thành theo xã", text, StringComparison.Ordinal);
            Assert.Contains("Phường Nha Trang", text, StringComparison.Ordinal);
            Assert.Contains("Số lượt hoàn thành mỗi tuần", text, StringComparison.Ordinal);
            Assert.Contains("18/09", text, StringComparison.Ordinal); // the line's last point's label
            Assert.Contains("Phễu sẵn sàng ký số: Tỉnh Khánh Hòa", text, StringComparison.Ordinal);
            Assert.Contains("Đủ điều kiện: 31", text, StringComparison.Ordinal);
            Assert.Contains("Đã được cấp: 5", text, StringComparison.Ordinal);
            Assert.Contains("Trang 2", text, StringComparison.Ordinal);

            // For a person to look at: artifacts/screenshots/reports-summary-{1,2}.png
            var folder = RepositoryRoot.File("artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            using var render = Process.Start(new ProcessStartInfo("pdftoppm") { ArgumentList = { "-png", "-r", "60", path, Path.Combine(folder, "reports-summary") } })!;
            await render.WaitForExitAsync();
            Assert.Equal(0, render.ExitCode);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
