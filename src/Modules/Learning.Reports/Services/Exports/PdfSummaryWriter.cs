using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Learning.Reports.Services.Exports;

/// <summary>A column of the PDF's table: its header, its share of the width, and whether it holds numbers (right-aligned).</summary>
public sealed record PdfColumn(string Header, double Weight, bool Numeric);

/// <summary>One bar: its label, its value from 0 to 1, and the value as people read it ("75 %").</summary>
public sealed record PdfBar(string Label, double Value, string ValueText);

/// <summary>A chart of the PDF summary: the same data a report page draws as SVG, each with its title.</summary>
public abstract record PdfChart(string Title);

/// <summary>A horizontal bar chart (completion rate by commune).</summary>
public sealed record PdfBarChart(string Title, IReadOnlyList<PdfBar> Bars) : PdfChart(Title);

/// <summary>One point of a line, or one stage of a funnel: its label and its count.</summary>
public sealed record PdfPoint(string Label, double Value);

/// <summary>A line over time (completions per week), every point labelled with its count.</summary>
public sealed record PdfLineChart(string Title, IReadOnlyList<PdfPoint> Points) : PdfChart(Title);

/// <summary>A funnel (digital-signature readiness): centred bars narrowing stage by stage, each with its count.</summary>
public sealed record PdfFunnelChart(string Title, IReadOnlyList<PdfPoint> Stages) : PdfChart(Title);

/// <summary>What the PDF summary shows: a title, facts in words (scope, filter, generated on), a table and the charts.</summary>
public sealed record PdfSummary(
    string Title,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    string TableTitle,
    IReadOnlyList<PdfColumn> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<PdfChart> Charts,
    string EmptyText,
    string PageLabel);

/// <summary>
/// The PDF summary of a report, drawn with PDFsharp's XGraphics on A4 pages: the title and facts, the table (its header repeated
/// on each page) and the charts (bars, a line, a funnel). Text is set in Noto Sans, which the certificates module ships and installs as
/// PDFsharp's process-wide font resolver (PDFsharp takes one resolver per process: a second copy of the fonts and a second
/// resolver here would fight it), so every Vietnamese mark comes out whole.
/// </summary>
public static class PdfSummaryWriter
{
    public const string FontFamily = "Noto Sans";

    private const double Margin = 36;
    private const double RowHeight = 14;
    private static readonly XColor Ink = XColor.FromArgb(0x1F, 0x29, 0x37);
    private static readonly XColor Muted = XColor.FromArgb(0x4B, 0x55, 0x63);
    private static readonly XColor Accent = XColor.FromArgb(0x0B, 0x5C, 0xAD);
    private static readonly XColor HeaderFill = XColor.FromArgb(0xDD, 0xEB, 0xF7);
    private static readonly XColor Zebra = XColor.FromArgb(0xF3, 0xF4, 0xF6);
    private static readonly XColor Grid = XColor.FromArgb(0xD1, 0xD5, 0xDB);
    private static readonly XColor Funnel = XColor.FromArgb(0x1F, 0x8A, 0x4C);

    public static byte[] Write(PdfSummary summary)
    {
        if (GlobalFontSettings.FontResolver is null)
        {
            throw new InvalidOperationException("No PDF font resolver is installed: the certificates module installs Noto Sans at start-up.");
        }

        using var document = new PdfDocument();
        document.Info.Title = summary.Title;
        document.Info.Creator = "Learning.Reports";
        var canvas = new Canvas(document, summary.PageLabel);
        canvas.Start();
        var title = new XFont(FontFamily, 15, XFontStyleEx.Bold);
        var bold = new XFont(FontFamily, 9, XFontStyleEx.Bold);
        var regular = new XFont(FontFamily, 9, XFontStyleEx.Regular);

        foreach (var line in Wrap(canvas.Graphics, summary.Title, title, canvas.Width))
        {
            canvas.Text(line, title, Ink, Margin, 20);
        }

        canvas.Y += 4;
        foreach (var (label, value) in summary.Facts)
        {
            var labelWidth = canvas.Graphics.MeasureString(label + ": ", bold).Width;
            var lines = Wrap(canvas.Graphics, value, regular, canvas.Width - labelWidth);
            canvas.Graphics.DrawString(label + ": ", bold, new XSolidBrush(Muted), new XRect(Margin, canvas.Y, labelWidth, 13), XStringFormats.TopLeft);
            foreach (var line in lines.DefaultIfEmpty(""))
            {
                canvas.Text(line, regular, Ink, Margin + labelWidth, 13);
            }
        }

        canvas.Y += 10;
        DrawTable(canvas, summary);
        foreach (var chart in summary.Charts)
        {
            canvas.Y += 16;
            switch (chart)
            {
                case PdfBarChart { Bars.Count: > 0 } bars:
                    DrawBars(canvas, bars);
                    break;
                case PdfLineChart { Points.Count: > 0 } line:
                    DrawLine(canvas, line);
                    break;
                case PdfFunnelChart { Stages.Count: > 0 } funnel:
                    DrawFunnel(canvas, funnel);
                    break;
            }
        }

        canvas.Finish();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void DrawTable(Canvas canvas, PdfSummary summary)
    {
        var heading = new XFont(FontFamily, 11, XFontStyleEx.Bold);
        var head = new XFont(FontFamily, 7.5, XFontStyleEx.Bold);
        var cell = new XFont(FontFamily, 8, XFontStyleEx.Regular);
        canvas.Ensure(RowHeight * 4);
        canvas.Text(summary.TableTitle, heading, Ink, Margin, 18);
        if (summary.Rows.Count == 0)
        {
            canvas.Text(summary.EmptyText, cell, Muted, Margin, 14);
            return;
        }

        var total = summary.Columns.Sum(c => c.Weight);
        var widths = summary.Columns.Select(c => canvas.Width * c.Weight / total).ToArray();
        var headerHeight = summary.Columns.Select((c, i) => Wrap(canvas.Graphics, c.Header, head, widths[i] - 6).Count).Max() * 9.5 + 6;

        void Header()
        {
            canvas.Graphics.DrawRectangle(new XSolidBrush(HeaderFill), Margin, canvas.Y, canvas.Width, headerHeight);
            var x = Margin;
            for (var i = 0; i < summary.Columns.Count; i++)
            {
                var lines = Wrap(canvas.Graphics, summary.Columns[i].Header, head, widths[i] - 6);
                for (var l = 0; l < lines.Count; l++)
                {
                    var format = summary.Columns[i].Numeric ? XStringFormats.TopRight : XStringFormats.TopLeft;
                    canvas.Graphics.DrawString(lines[l], head, new XSolidBrush(Ink), new XRect(x + 3, canvas.Y + 3 + l * 9.5, widths[i] - 6, 9.5), format);
                }

                x += widths[i];
            }

            canvas.Y += headerHeight;
        }

        Header();
        for (var r = 0; r < summary.Rows.Count; r++)
        {
            if (canvas.Ensure(RowHeight))
            {
                Header();
            }

            if (r % 2 == 1)
            {
                canvas.Graphics.DrawRectangle(new XSolidBrush(Zebra), Margin, canvas.Y, canvas.Width, RowHeight);
            }

            var x = Margin;
            for (var i = 0; i < summary.Columns.Count && i < summary.Rows[r].Count; i++)
            {
                var text = Fit(canvas.Graphics, summary.Rows[r][i], cell, widths[i] - 6);
                var format = summary.Columns[i].Numeric ? XStringFormats.CenterRight : XStringFormats.CenterLeft;
                canvas.Graphics.DrawString(text, cell, new XSolidBrush(Ink), new XRect(x + 3, canvas.Y, widths[i] - 6, RowHeight), format);
                x += widths[i];
            }

            canvas.Y += RowHeight;
        }

        canvas.Graphics.DrawLine(new XPen(Grid, 0.5), Margin, canvas.Y, Margin + canvas.Width, canvas.Y);
    }

    private static void DrawBars(Canvas canvas, PdfBarChart chart)
    {
        var heading = new XFont(FontFamily, 11, XFontStyleEx.Bold);
        var label = new XFont(FontFamily, 8, XFontStyleEx.Regular);
        var small = new XFont(FontFamily, 7, XFontStyleEx.Regular);
        const double barHeight = 10;
        const double pitch = 15;
        var labelWidth = Math.Min(170, canvas.Width * 0.34);
        var valueWidth = 46;
        var plotX = Margin + labelWidth + 6;
        var plotWidth = canvas.Width - labelWidth - 6 - valueWidth;

        void Axis()
        {
            for (var tick = 0; tick <= 4; tick++)
            {
                var x = plotX + plotWidth * tick / 4;
                canvas.Graphics.DrawString($"{tick * 25} %", small, new XSolidBrush(Muted), new XRect(x - 20, canvas.Y, 40, 10), XStringFormats.TopCenter);
            }

            canvas.Y += 12;
        }

        canvas.Ensure(pitch * Math.Min(chart.Bars.Count, 3) + 40);
        canvas.Text(chart.Title, heading, Ink, Margin, 18);
        Axis();

        void Gridlines(double from, double to)
        {
            for (var tick = 0; tick <= 4; tick++)
            {
                var x = plotX + plotWidth * tick / 4;
                canvas.Graphics.DrawLine(new XPen(Grid, 0.5), x, from, x, to);
            }
        }

        foreach (var bar in chart.Bars)
        {
            if (canvas.Ensure(pitch))
            {
                Axis();
            }

            Gridlines(canvas.Y, canvas.Y + pitch);
            canvas.Graphics.DrawString(Fit(canvas.Graphics, bar.Label, label, labelWidth), label, new XSolidBrush(Ink), new XRect(Margin, canvas.Y, labelWidth, pitch), XStringFormats.CenterRight);
            var width = plotWidth * Math.Clamp(bar.Value, 0, 1);
            if (width > 0)
            {
                canvas.Graphics.DrawRectangle(new XSolidBrush(Accent), plotX, canvas.Y + (pitch - barHeight) / 2, width, barHeight);
            }

            canvas.Graphics.DrawString(bar.ValueText, label, new XSolidBrush(Ink), new XRect(plotX + plotWidth + 4, canvas.Y, valueWidth - 4, pitch), XStringFormats.CenterLeft);
            canvas.Y += pitch;
        }
    }

    /// <summary>A line with dots over a zero baseline, the maximum on the left, each point's count above it and its label under it.</summary>
    private static void DrawLine(Canvas canvas, PdfLineChart chart)
    {
        var heading = new XFont(FontFamily, 11, XFontStyleEx.Bold);
        var small = new XFont(FontFamily, 7, XFontStyleEx.Regular);
        const double plotHeight = 110, left = 30, top = 12, under = 14;
        canvas.Ensure(18 + top + plotHeight + under + 4);
        canvas.Text(chart.Title, heading, Ink, Margin, 18);
        var max = Math.Max(1, chart.Points.Max(p => p.Value));
        var x0 = Margin + left;
        var width = canvas.Width - left - 10;
        var y0 = canvas.Y + top;
        var baseline = y0 + plotHeight;
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        canvas.Graphics.DrawLine(new XPen(Grid, 0.5), x0, y0, x0 + width, y0);
        canvas.Graphics.DrawLine(new XPen(Muted, 0.7), x0, baseline, x0 + width, baseline);
        canvas.Graphics.DrawString(max.ToString("0.#", culture), small, new XSolidBrush(Muted), new XRect(Margin, y0 - 5, left - 4, 10), XStringFormats.CenterRight);
        canvas.Graphics.DrawString("0", small, new XSolidBrush(Muted), new XRect(Margin, baseline - 5, left - 4, 10), XStringFormats.CenterRight);
        var step = chart.Points.Count == 1 ? 0 : width / (chart.Points.Count - 1);
        var points = chart.Points.Select((p, i) => new XPoint(chart.Points.Count == 1 ? x0 + width / 2 : x0 + i * step, baseline - plotHeight * p.Value / max)).ToArray();
        if (points.Length > 1)
        {
            canvas.Graphics.DrawLines(new XPen(Accent, 1.5), points);
        }

        // Labels under the axis: every one when they fit, otherwise every other one (the last always).
        var labelWidth = Math.Max(28, step);
        var every = chart.Points.Max(p => canvas.Graphics.MeasureString(p.Label, small).Width) + 4 > labelWidth ? 2 : 1;
        for (var i = 0; i < points.Length; i++)
        {
            canvas.Graphics.DrawEllipse(new XSolidBrush(Accent), points[i].X - 2, points[i].Y - 2, 4, 4);
            canvas.Graphics.DrawString(chart.Points[i].Value.ToString("0.#", culture), small, new XSolidBrush(Ink), new XRect(points[i].X - 20, points[i].Y - 12, 40, 9), XStringFormats.Center);
            if (i % every == 0 || i == points.Length - 1)
            {
                canvas.Graphics.DrawString(chart.Points[i].Label, small, new XSolidBrush(Muted), new XRect(points[i].X - 30, baseline + 3, 60, 10), XStringFormats.TopCenter);
            }
        }

        canvas.Y = baseline + under;
    }

    /// <summary>Centred bars narrowing stage by stage, each with its label and count on its left.</summary>
    private static void DrawFunnel(Canvas canvas, PdfFunnelChart chart)
    {
        var heading = new XFont(FontFamily, 11, XFontStyleEx.Bold);
        var label = new XFont(FontFamily, 8, XFontStyleEx.Regular);
        const double pitch = 18, barHeight = 13;
        canvas.Ensure(18 + pitch * chart.Stages.Count);
        canvas.Text(chart.Title, heading, Ink, Margin, 18);
        var max = Math.Max(1, chart.Stages.Max(s => s.Value));
        var labelWidth = Math.Min(190, canvas.Width * 0.36);
        var plotX = Margin + labelWidth + 8;
        var plotWidth = canvas.Width - labelWidth - 8;
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        foreach (var stage in chart.Stages)
        {
            var text = Fit(canvas.Graphics, $"{stage.Label}: {stage.Value.ToString("N0", culture)}", label, labelWidth);
            canvas.Graphics.DrawString(text, label, new XSolidBrush(Ink), new XRect(Margin, canvas.Y, labelWidth, pitch), XStringFormats.CenterRight);
            var width = stage.Value > 0 ? Math.Max(2, plotWidth * stage.Value / max) : 0;
            if (width > 0)
            {
                canvas.Graphics.DrawRectangle(new XSolidBrush(Funnel), plotX + (plotWidth - width) / 2, canvas.Y + (pitch - barHeight) / 2, width, barHeight);
            }

            canvas.Y += pitch;
        }
    }

    /// <summary>The text shortened with an ellipsis until it fits <paramref name="width"/>.</summary>
    internal static string Fit(XGraphics graphics, string text, XFont font, double width)
    {
        if (graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 1 && graphics.MeasureString(text[..length] + "…", font).Width > width)
        {
            length--;
        }

        return text[..length].TrimEnd() + "…";
    }

    /// <summary>Words set into lines no wider than <paramref name="width"/> (a word longer than a line is cut with an ellipsis).</summary>
    internal static List<string> Wrap(XGraphics graphics, string text, XFont font, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (graphics.MeasureString(candidate, font).Width <= width)
            {
                line = candidate;
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }

            line = Fit(graphics, word, font, width);
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>The page being drawn and the pen's height on it; a new page when the next piece does not fit.</summary>
    private sealed class Canvas(PdfDocument document, string pageLabel)
    {
        private const double Bottom = 842 - Margin - 14;
        private readonly XFont footer = new(FontFamily, 7, XFontStyleEx.Regular);
        private PdfPage page = null!;

        public XGraphics Graphics { get; private set; } = null!;

        public double Y { get; set; }

        public double Width => page.Width.Point - 2 * Margin;

        public void Start()
        {
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            Graphics = XGraphics.FromPdfPage(page);
            Y = Margin;
        }

        /// <summary>Starts a new page when <paramref name="height"/> does not fit on this one; says whether it did.</summary>
        public bool Ensure(double height)
        {
            if (Y + height <= Bottom)
            {
                return false;
            }

            Close();
            Start();
            return true;
        }

        public void Text(string text, XFont font, XColor color, double x, double lineHeight)
        {
            Ensure(lineHeight);
            Graphics.DrawString(text, font, new XSolidBrush(color), new XRect(x, Y, Width - (x - Margin), lineHeight), XStringFormats.TopLeft);
            Y += lineHeight;
        }

        public void Finish() => Close();

        private void Close()
        {
            var number = document.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Graphics.DrawString($"{pageLabel} {number}", footer, new XSolidBrush(Muted), new XRect(Margin, 842 - Margin, Width, 10), XStringFormats.TopRight);
            Graphics.Dispose();
        }
    }
}
