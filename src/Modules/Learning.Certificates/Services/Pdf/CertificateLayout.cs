using System.Globalization;
using Learning.Certificates.Data;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Learning.Certificates.Services.Pdf;

/// <summary>What a page needs besides the template and the facts.</summary>
public sealed record CertificatePageContext(string VerifyUrl, bool TestSigner);

/// <summary>
/// Draws one certificate page: quốc hiệu and tiêu ngữ, agency and emblem, title, the Liquid body, place and date, signatories,
/// QR code with the verification address, serial and dates, and the place of the visible digital-signature box. Every text is
/// wrapped to its column and shrunk (then cut) to fit its area, so nothing leaves the page.
/// </summary>
public static class CertificateLayout
{
    public const string NationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";

    private static readonly XColor Ink = XColor.FromArgb(33, 33, 33);
    private static readonly XColor Red = XColor.FromArgb(183, 28, 28);
    private static readonly XColor Gold = XColor.FromArgb(191, 144, 0);
    private static readonly XColor Navy = XColor.FromArgb(13, 45, 110);

    /// <summary>The digital-signature box on the page, in points from the page's top-left corner.</summary>
    public static XRect SignatureBox(PdfPage page) => Areas(page.Width.Point, page.Height.Point).SignatureBox;

    public static void Draw(XGraphics gfx, PdfPage page, CertificateDesign design, CertificateFacts facts, IReadOnlyList<BodyLine> body, CertificatePageContext context)
    {
        var culture = CertificateBody.CultureOf(facts.Culture);
        var areas = Areas(page.Width.Point, page.Height.Point);
        var w = areas.Width;
        var h = areas.Height;

        if (design.BackgroundImage is { Length: > 0 } background)
        {
            using var image = Image(background);
            gfx.DrawImage(image, 0, 0, w, h);
        }

        gfx.DrawRectangle(new XPen(Red, 2.2), 16, 16, w - 32, h - 32);
        gfx.DrawRectangle(new XPen(Gold, 0.8), 21, 21, w - 42, h - 42);

        // Top: agency left, emblem centre, quốc hiệu and tiêu ngữ right.
        var top = areas.Top;
        var columnWidth = areas.Content.Width * 0.41;
        var left = new XRect(areas.Content.Left, top, columnWidth, 80);
        var right = new XRect(areas.Content.Right - columnWidth, top, columnWidth, 80);
        var agencyBottom = top;
        var agencyFont = new XFont(CertificateFonts.Serif, 11, XFontStyleEx.Bold);
        foreach (var line in design.Agency.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(4))
        {
            agencyBottom = Lines(gfx, Wrap(gfx, line, agencyFont, left.Width), agencyFont, Ink, left.Center.X, agencyBottom, 1.25, maxLines: 2);
        }

        if (agencyBottom > top)
        {
            gfx.DrawLine(new XPen(Ink, 0.6), left.Center.X - 30, agencyBottom + 3, left.Center.X + 30, agencyBottom + 3);
        }

        // The quốc hiệu stays on one line (as on every official document): its size is fitted to the column (a portrait page's
        // column is narrower than the line at 11 pt); the tiêu ngữ keeps its size relative to it.
        var nationalFont = OneLine(gfx, NationalTitle, CertificateFonts.Serif, XFontStyleEx.Bold, 11, 7, right.Width);
        var mottoFont = new XFont(CertificateFonts.Serif, Math.Round(nationalFont.Size * 12 / 11, 2), XFontStyleEx.Bold);
        var rightBottom = Lines(gfx, Wrap(gfx, NationalTitle, nationalFont, right.Width), nationalFont, Ink, right.Center.X, top, 1.25, 2);
        var mottoLines = Wrap(gfx, Motto, mottoFont, right.Width);
        var mottoTop = rightBottom + 1;
        rightBottom = Lines(gfx, mottoLines, mottoFont, Ink, right.Center.X, mottoTop, 1.25, 2);
        var mottoWidth = gfx.MeasureString(mottoLines[^1], mottoFont).Width;
        gfx.DrawLine(new XPen(Ink, 0.7), right.Center.X - (mottoWidth / 2), rightBottom + 1, right.Center.X + (mottoWidth / 2), rightBottom + 1);

        var emblemSize = Math.Min(56, (areas.Content.Width - (2 * columnWidth)) - 8);
        var emblem = new XRect((w / 2) - (emblemSize / 2), top - 4, emblemSize, emblemSize);
        if (design.EmblemImage is { Length: > 0 } emblemBytes)
        {
            using var image = Image(emblemBytes);
            DrawFitted(gfx, image, emblem);
        }
        else
        {
            DrawEmblem(gfx, emblem);
        }

        // Title.
        var titleTop = Math.Max(Math.Max(agencyBottom, rightBottom), emblem.Bottom) + (areas.Portrait ? 26 : 16);
        var (titleFont, titleLines) = Fit(gfx, design.Title, CertificateFonts.Serif, XFontStyleEx.Bold, areas.Portrait ? 30 : 32, 16, areas.Content.Width, 2);
        var titleBottom = Lines(gfx, titleLines, titleFont, Red, w / 2, titleTop, 1.15, 2);

        DrawBody(gfx, body, new XRect(areas.Content.Left + 20, titleBottom + 10, areas.Content.Width - 40, areas.Bottom - titleBottom - 20));
        DrawFooter(gfx, design, facts, context, culture, areas);

        if (context.TestSigner)
        {
            var warning = new XFont(CertificateFonts.Serif, 10, XFontStyleEx.Bold);
            gfx.DrawString(CertificateTexts.Get("Pdf.Layout.TestSigner", culture), warning, new XSolidBrush(Red), new XRect(0, h - 38, w, 14), XStringFormats.Center);
        }
    }

    private static void DrawBody(XGraphics gfx, IReadOnlyList<BodyLine> body, XRect area)
    {
        // Shrink the whole body until it fits; at the smallest size, drop what still does not (it cannot leave the page).
        for (var scale = 1.0; ; scale -= 0.08)
        {
            var laid = new List<(IReadOnlyList<string> Lines, XFont Font, XColor Color, double Leading)>();
            var height = 0.0;
            foreach (var line in body)
            {
                var (size, style, color, leading) = line.Style switch
                {
                    BodyLineStyle.Prominent => (26 * scale, XFontStyleEx.Bold, Navy, 1.3),
                    BodyLineStyle.Strong => (17 * scale, XFontStyleEx.Bold, Ink, 1.3),
                    _ => (14 * scale, XFontStyleEx.Regular, Ink, 1.45),
                };
                var font = new XFont(CertificateFonts.Serif, size, style);
                var lines = Wrap(gfx, line.Text, font, area.Width);
                laid.Add((lines, font, color, leading));
                height += lines.Count * font.Size * leading;
            }

            if (height <= area.Height || scale < 0.55)
            {
                var y = area.Top + Math.Max(0, (area.Height - height) / 2);
                foreach (var (lines, font, color, leading) in laid)
                {
                    var fitting = (int)Math.Floor((area.Bottom - y) / (font.Size * leading));
                    if (fitting <= 0)
                    {
                        break;
                    }

                    y = Lines(gfx, lines, font, color, area.Center.X, y, leading, fitting);
                }

                return;
            }
        }
    }

    private static void DrawFooter(XGraphics gfx, CertificateDesign design, CertificateFacts facts, CertificatePageContext context, CultureInfo culture, PageAreas areas)
    {
        var content = areas.Content;
        var bottom = areas.Bottom;

        // Left: QR code, serial, dates, the verification address; the signature box under them.
        var qrSize = areas.Portrait ? 84.0 : 80.0;
        DrawQr(gfx, context.VerifyUrl, new XRect(content.Left, bottom + 4, qrSize, qrSize));

        var small = new XFont(CertificateFonts.Serif, 8.5, XFontStyleEx.Regular);
        var smallBold = new XFont(CertificateFonts.Serif, 8.5, XFontStyleEx.Bold);
        var textLeft = content.Left + qrSize + 8;
        var textWidth = areas.SignatoriesLeft - textLeft - 12;
        var y = bottom + 6;
        y = LeftLines(gfx, [CertificateTexts.Get("Pdf.Layout.Serial", culture, facts.Serial)], smallBold, textLeft, y, 1);
        y = LeftLines(gfx, [CertificateTexts.Get("Pdf.Layout.Issued", culture, CertificateBody.ToLocal(facts.IssuedUtc).ToString("dd/MM/yyyy", culture))], small, textLeft, y, 1);
        if (facts.ExpiresUtc is { } expires)
        {
            y = LeftLines(gfx, [CertificateTexts.Get("Pdf.Layout.Expires", culture, CertificateBody.ToLocal(expires).ToString("dd/MM/yyyy", culture))], small, textLeft, y, 1);
        }

        y = LeftLines(gfx, [CertificateTexts.Get("Pdf.Layout.Verify", culture)], small, textLeft, y, 1);
        var (urlFont, urlLines) = Fit(gfx, context.VerifyUrl, CertificateFonts.Serif, XFontStyleEx.Regular, 8.5, 5.5, textWidth, 1);
        LeftLines(gfx, urlLines, urlFont, textLeft, y, 3);

        // Right: place and date, then the signatories side by side.
        var signArea = new XRect(areas.SignatoriesLeft, bottom, content.Right - areas.SignatoriesLeft, areas.Height - 44 - bottom);
        var issuedLocal = CertificateBody.ToLocal(facts.IssuedUtc);
        var dateFont = new XFont(CertificateFonts.Serif, 12, XFontStyleEx.Italic);
        var dateLine = CertificateTexts.Get("Pdf.Layout.PlaceDate", culture, design.Place, issuedLocal);
        var top = Lines(gfx, Wrap(gfx, dateLine, dateFont, signArea.Width), dateFont, Ink, signArea.Center.X, signArea.Top, 1.2, 2);

        var count = design.Signatories.Count;
        if (count == 0)
        {
            return;
        }

        var columnWidth = signArea.Width / count;
        var titleFont = new XFont(CertificateFonts.Serif, count == 3 ? 10 : 11.5, XFontStyleEx.Bold);
        var nameFont = new XFont(CertificateFonts.Serif, count == 3 ? 11 : 12.5, XFontStyleEx.Bold);
        for (var i = 0; i < count; i++)
        {
            var signatory = design.Signatories[i];
            var centre = signArea.Left + (columnWidth * (i + 0.5));
            var titleLines = signatory.Title.Replace("\r", "", StringComparison.Ordinal).Split('\n').SelectMany(l => Wrap(gfx, l.Trim(), titleFont, columnWidth - 8)).ToList();
            var after = Lines(gfx, titleLines, titleFont, Ink, centre, top + 4, 1.2, 3);
            var imageBox = new XRect(centre - ((columnWidth - 16) / 2), after + 2, columnWidth - 16, 48);
            if (signatory.SignatureImage is { Length: > 0 } signature)
            {
                using var image = Image(signature);
                DrawFitted(gfx, image, imageBox);
            }

            Lines(gfx, Wrap(gfx, signatory.Name, nameFont, columnWidth - 8), nameFont, Ink, centre, imageBox.Bottom + 4, 1.2, 2);
        }
    }

    private static PageAreas Areas(double width, double height)
    {
        var portrait = height > width;
        var content = new XRect(44, 40, width - 88, height - 80);
        var footer = portrait ? 190.0 : 168.0;
        var bottom = content.Bottom - footer;
        var signatureBox = new XRect(content.Left, bottom + 96, portrait ? 200 : 210, 44);
        var signatoriesLeft = portrait ? content.Left + 230 : content.Left + (content.Width * 0.42);
        return new PageAreas(width, height, portrait, content, content.Top + 6, bottom, signatureBox, signatoriesLeft);
    }

    /// <summary>Splits <paramref name="text"/> into lines no wider than <paramref name="width"/>; a word too long alone is cut.</summary>
    public static IReadOnlyList<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (gfx.MeasureString(candidate, font).Width <= width)
            {
                current = candidate;
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current);
            }

            current = word;
            while (current.Length > 1 && gfx.MeasureString(current, font).Width > width)
            {
                var cut = current.Length - 1;
                while (cut > 1 && gfx.MeasureString(current[..cut], font).Width > width)
                {
                    cut--;
                }

                lines.Add(current[..cut]);
                current = current[cut..];
            }
        }

        if (current.Length > 0 || lines.Count == 0)
        {
            lines.Add(current);
        }

        return lines;
    }

    /// <summary>The largest size from <paramref name="max"/> down to <paramref name="min"/> at which the text takes at most <paramref name="maxLines"/> lines.</summary>
    public static (XFont Font, IReadOnlyList<string> Lines) Fit(XGraphics gfx, string text, string family, XFontStyleEx style, double max, double min, double width, int maxLines)
    {
        for (var size = max; ; size -= 1)
        {
            var font = new XFont(family, size, style);
            var lines = Wrap(gfx, text, font, width);
            if (lines.Count <= maxLines || size - 1 < min)
            {
                return (font, lines);
            }
        }
    }

    /// <summary>The font of <paramref name="max"/> size, or smaller (down to <paramref name="min"/>), at which the text takes one line of
    /// <paramref name="width"/>.</summary>
    public static XFont OneLine(XGraphics gfx, string text, string family, XFontStyleEx style, double max, double min, double width)
    {
        var font = new XFont(family, max, style);
        var measured = gfx.MeasureString(text, font).Width;
        if (measured <= width)
        {
            return font;
        }

        // Text width is proportional to the size: scale down, then step down a quarter point until it fits (rounding, hinting).
        for (var size = Math.Floor(max * width / measured * 4) / 4; ; size -= 0.25)
        {
            font = new XFont(family, Math.Max(size, min), style);
            if (size <= min || gfx.MeasureString(text, font).Width <= width)
            {
                return font;
            }
        }
    }

    private static double Lines(XGraphics gfx, IReadOnlyList<string> lines, XFont font, XColor color, double centreX, double top, double leading, int maxLines)
    {
        var brush = new XSolidBrush(color);
        var y = top;
        foreach (var line in lines.Take(maxLines))
        {
            gfx.DrawString(line, font, brush, new XPoint(centreX, y + font.Size), XStringFormats.BaseLineCenter);
            y += font.Size * leading;
        }

        return y;
    }

    private static double LeftLines(XGraphics gfx, IReadOnlyList<string> lines, XFont font, double left, double top, int maxLines)
    {
        var brush = new XSolidBrush(Ink);
        var y = top;
        foreach (var line in lines.Take(maxLines))
        {
            gfx.DrawString(line, font, brush, new XPoint(left, y + font.Size), XStringFormats.BaseLineLeft);
            y += font.Size * 1.35;
        }

        return y;
    }

    /// <summary>The QR code as vector squares (one rectangle per run of dark modules): sharp at any zoom, nothing to decode.</summary>
    private static void DrawQr(XGraphics gfx, string text, XRect box)
    {
        using var data = new QRCodeGenerator().CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        const int quiet = 4; // QRCoder includes the quiet zone in the matrix
        var modules = matrix.Count - (2 * quiet);
        var cell = box.Width / modules;
        var path = new XGraphicsPath();
        for (var row = 0; row < modules; row++)
        {
            var bits = matrix[row + quiet];
            var column = 0;
            while (column < modules)
            {
                if (!bits[column + quiet])
                {
                    column++;
                    continue;
                }

                var start = column;
                while (column < modules && bits[column + quiet])
                {
                    column++;
                }

                path.AddRectangle(box.X + (start * cell), box.Y + (row * cell), (column - start) * cell, cell);
            }
        }

        gfx.DrawRectangle(XBrushes.White, box);
        gfx.DrawPath(XBrushes.Black, path);
    }

    private static XImage Image(byte[] bytes) => XImage.FromStream(new MemoryStream(bytes, writable: false));

    private static void DrawFitted(XGraphics gfx, XImage image, XRect box)
    {
        var scale = Math.Min(box.Width / image.PointWidth, box.Height / image.PointHeight);
        var width = image.PointWidth * scale;
        var height = image.PointHeight * scale;
        gfx.DrawImage(image, box.Center.X - (width / 2), box.Center.Y - (height / 2), width, height);
    }

    /// <summary>A stand-in emblem (gold ring, red disc, gold star) until the agency uploads its own.</summary>
    private static void DrawEmblem(XGraphics gfx, XRect box)
    {
        var centre = box.Center;
        var radius = box.Width / 2;
        gfx.DrawEllipse(new XSolidBrush(Gold), centre.X - radius, centre.Y - radius, 2 * radius, 2 * radius);
        var inner = radius * 0.84;
        gfx.DrawEllipse(new XSolidBrush(Red), centre.X - inner, centre.Y - inner, 2 * inner, 2 * inner);
        var star = new XPoint[10];
        for (var i = 0; i < 10; i++)
        {
            var r = i % 2 == 0 ? inner * 0.78 : inner * 0.31;
            var angle = (-Math.PI / 2) + (i * Math.PI / 5);
            star[i] = new XPoint(centre.X + (r * Math.Cos(angle)), centre.Y + (r * Math.Sin(angle)));
        }

        gfx.DrawPolygon(new XSolidBrush(XColor.FromArgb(255, 214, 0)), star, XFillMode.Winding);
    }

    private sealed record PageAreas(double Width, double Height, bool Portrait, XRect Content, double Top, double Bottom, XRect SignatureBox, double SignatoriesLeft);
}
