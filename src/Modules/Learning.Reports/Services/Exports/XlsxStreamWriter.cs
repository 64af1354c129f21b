using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Learning.Reports.Services.Exports;

/// <summary>
/// An XLSX workbook written as a stream: each sheet's rows go through the Open XML SDK's SAX-style <see cref="OpenXmlWriter"/>
/// straight into a deflated ZIP entry, so 200,000 rows never sit in memory. The SDK's own package (<c>SpreadsheetDocument</c>)
/// is not used for the file: on .NET it opens its ZIP in update mode, which keeps every part in memory until it is saved (a
/// 200,000-row sheet took 618 MB that way); the few small parts around the sheets (content types, relationships, workbook,
/// styles) are fixed XML written here. Text is written as inline strings (no shared-string table to grow) and neutralised
/// (<see cref="FormulaGuard"/>); numbers as numbers; dates as real dates (dd/mm/yyyy); ratios as percentages. Each sheet has
/// its header row in bold, frozen, with an autofilter, and the columns' widths. Writes synchronously: give it a file or a
/// memory stream, then copy that to a response asynchronously.
/// </summary>
public sealed class XlsxStreamWriter : IDisposable
{
    private const string SheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const uint HeaderStyle = 1;
    private const uint DateStyle = 2;
    private const uint PercentStyle = 3;

    private readonly ZipArchive zip;
    private readonly List<(string Name, string FilterRange)> sheets = [];
    private bool disposed;

    public XlsxStreamWriter(Stream output)
    {
        zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
    }

    /// <summary>Adds a sheet; returns how many rows it holds (the header not counted).</summary>
    public async Task<int> WriteSheetAsync(string name, IReadOnlyList<ExportColumn> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var sheetName = SheetName(name, sheets.Count + 1);
        var letters = columns.Select((_, i) => ColumnName(i)).ToArray();
        var count = 0;
        using (var stream = zip.CreateEntry($"xl/worksheets/sheet{sheets.Count + 1}.xml", CompressionLevel.Fastest).Open())
        using (var writer = OpenXmlWriter.Create(stream, Encoding.UTF8))
        {
            writer.WriteStartDocument(true);
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue>(["A2"]) })
            { WorkbookViewId = 0U }));
            writer.WriteElement(new Columns(columns.Select((c, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true })));
            writer.WriteStartElement(new SheetData());
            var cells = new CellWriter(writer);
            cells.StartRow("1");
            for (var i = 0; i < columns.Count; i++)
            {
                cells.Text(letters[i] + "1", columns[i].Header, HeaderStyle);
            }

            writer.WriteEndElement();
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                var number = (count + 2).ToString(CultureInfo.InvariantCulture);
                cells.StartRow(number);
                for (var i = 0; i < row.Length && i < columns.Count; i++)
                {
                    cells.Cell(letters[i] + number, row[i], columns[i].Kind);
                }

                writer.WriteEndElement();
                count++;
            }

            writer.WriteEndElement(); // sheetData
            var range = $"A1:{letters[^1]}{count + 1}";
            writer.WriteElement(new AutoFilter { Reference = range });
            writer.WriteEndElement(); // worksheet
        }

        sheets.Add((sheetName, $"'{sheetName.Replace("'", "''", StringComparison.Ordinal)}'!${letters[0]}$1:${letters[^1]}${count + 1}"));
        return count;
    }

    public Task<int> WriteSheetAsync(string name, IReadOnlyList<ExportColumn> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default) =>
        WriteSheetAsync(name, columns, rows.ToAsyncEnumerable(), cancellationToken);

    /// <summary>Writes the workbook's parts and closes the ZIP (the stream stays open).</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (sheets.Count == 0)
        {
            zip.Dispose(); // nothing was written (a failure before the first sheet): no workbook to finish
            return;
        }

        var overrides = string.Concat(sheets.Select((_, i) =>
            $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        Entry("[Content_Types].xml",
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + overrides + "</Types>");
        Entry("_rels/.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "</Relationships>");
        Entry("xl/_rels/workbook.xml.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + string.Concat(sheets.Select((_, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"))
            + $"<Relationship Id=\"rId{sheets.Count + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
            + "</Relationships>");
        Entry("xl/workbook.xml",
            $"<workbook xmlns=\"{SheetNamespace}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
            + string.Concat(sheets.Select((s, i) => $"<sheet name=\"{SecurityElement.Escape(s.Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>"))
            + "</sheets><definedNames>"
            + string.Concat(sheets.Select((s, i) => $"<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{i}\" hidden=\"1\">{SecurityElement.Escape(s.FilterRange)}</definedName>"))
            + "</definedNames></workbook>");
        Entry("xl/styles.xml",
            $"<styleSheet xmlns=\"{SheetNamespace}\">"
            + "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/><numFmt numFmtId=\"165\" formatCode=\"0.0%\"/></numFmts>"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
            + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
            + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDEBF7\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"4\">"
            + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyAlignment=\"1\"><alignment wrapText=\"1\" vertical=\"center\"/></xf>"
            + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>");
        zip.Dispose();
    }

    /// <summary>The spreadsheet's column letters: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of <c>[]:*?/\</c>, not empty.</summary>
    public static string SheetName(string name, int position)
    {
        var clean = new string(name.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? ' ' : c).ToArray()).Trim().Trim('\'');
        clean = clean.Length > 31 ? clean[..31] : clean;
        return clean.Length == 0 ? "Sheet" + position.ToString(CultureInfo.InvariantCulture) : clean;
    }

    /// <summary>Characters XML 1.0 cannot carry (control characters a pasted name may hold) are dropped rather than failing the file.</summary>
    private static string XmlSafe(string text)
    {
        foreach (var c in text)
        {
            if (!IsXmlChar(c))
            {
                return string.Concat(text.Where(IsXmlChar));
            }
        }

        return text;
    }

    private static bool IsXmlChar(char c) => (c >= ' ' || c is '\t' or '\n' or '\r') && c is not '\uFFFE' and not '\uFFFF';

    /// <summary>
    /// Writes one sheet's rows and cells through the writer, reusing its elements and attribute lists: the writer serialises
    /// each element when it is given, so a row of a 200,000-row export costs its values' strings, not a dozen objects a cell.
    /// </summary>
    private sealed class CellWriter(OpenXmlWriter writer)
    {
        private static readonly string[] Styles = ["0", HeaderStyle.ToString(CultureInfo.InvariantCulture), DateStyle.ToString(CultureInfo.InvariantCulture), PercentStyle.ToString(CultureInfo.InvariantCulture)];

        private readonly Row row = new();
        private readonly Cell cell = new();
        private readonly Text text = new() { Space = SpaceProcessingModeValues.Preserve };
        private readonly InlineString inline = new();
        private readonly CellValue value = new();
        private readonly List<OpenXmlAttribute> rowAttributes = [default];
        private readonly List<OpenXmlAttribute> textAttributes = [default, new("t", "", "inlineStr")];
        private readonly List<OpenXmlAttribute> styledTextAttributes = [default, default, new("t", "", "inlineStr")];
        private readonly List<OpenXmlAttribute> numberAttributes = [default];
        private readonly List<OpenXmlAttribute> styledNumberAttributes = [default, default];

        public void StartRow(string number)
        {
            rowAttributes[0] = new("r", "", number);
            writer.WriteStartElement(row, rowAttributes);
        }

        public void Cell(string reference, object? item, ExportColumnKind kind)
        {
            switch (item)
            {
                case null:
                    return;
                case string s:
                    Text(reference, FormulaGuard.Neutralise(s), 0);
                    return;
                case DateOnly date:
                    Number(reference, date.ToDateTime(TimeOnly.MinValue).ToOADate(), DateStyle);
                    return;
                case DateTime time:
                    Number(reference, time.Date.ToOADate(), DateStyle);
                    return;
                case int or long or short or double or float or decimal:
                    var number = Convert.ToDouble(item, CultureInfo.InvariantCulture);
                    if (double.IsFinite(number))
                    {
                        Number(reference, number, kind == ExportColumnKind.Percent ? PercentStyle : 0);
                    }

                    return;
                default:
                    Text(reference, FormulaGuard.Neutralise(item.ToString() ?? ""), 0);
                    return;
            }
        }

        public void Text(string reference, string content, uint style)
        {
            StartCell(reference, style, textAttributes, styledTextAttributes);
            writer.WriteStartElement(inline);
            text.Text = XmlSafe(content);
            writer.WriteElement(text);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        private void Number(string reference, double number, uint style)
        {
            StartCell(reference, style, numberAttributes, styledNumberAttributes);
            value.Text = number.ToString("R", CultureInfo.InvariantCulture);
            writer.WriteElement(value);
            writer.WriteEndElement();
        }

        /// <summary>The cell's start tag: its reference, its style when it has one (the reused lists keep the type attribute).</summary>
        private void StartCell(string reference, uint style, List<OpenXmlAttribute> plain, List<OpenXmlAttribute> styled)
        {
            var attributes = style == 0 ? plain : styled;
            attributes[0] = new("r", "", reference);
            if (style != 0)
            {
                attributes[1] = new("s", "", Styles[style]);
            }

            writer.WriteStartElement(cell, attributes);
        }
    }

    private void Entry(string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        var bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml);
        stream.Write(bytes);
    }
}
