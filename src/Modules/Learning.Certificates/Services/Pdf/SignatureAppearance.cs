using PdfSharp.Drawing;
using PdfSharp.Pdf.Annotations;

namespace Learning.Certificates.Services.Pdf;

/// <summary>The visible signature: a framed box "Ký số bởi: &lt;signer&gt;" with the signing time (Vietnam's time).</summary>
internal sealed class SignatureAppearance(string signer, DateTime signedUtc, System.Globalization.CultureInfo culture, bool testSigner) : IAnnotationAppearanceHandler
{
    public void DrawAppearance(XGraphics gfx, XRect rect)
    {
        // PDFsharp passes the field's place on the page; the appearance form's own origin is its top-left corner.
        rect = new XRect(0, 0, rect.Width, rect.Height);
        var colour = testSigner ? XColor.FromArgb(183, 28, 28) : XColor.FromArgb(20, 110, 50);
        gfx.DrawRectangle(new XPen(colour, 1.2), new XSolidBrush(XColor.FromArgb(245, 250, 245)), rect.X + 0.6, rect.Y + 0.6, rect.Width - 1.2, rect.Height - 1.2);
        var bold = new XFont(CertificateFonts.Serif, 8, XFontStyleEx.Bold);
        var regular = new XFont(CertificateFonts.Serif, 7.5, XFontStyleEx.Regular);
        var brush = new XSolidBrush(colour);
        var lines = CertificateLayout.Wrap(gfx, CertificateTexts.Get("Pdf.Layout.SignedBy", culture, signer), bold, rect.Width - 10);
        var y = rect.Y + 5;
        foreach (var line in lines.Take(2))
        {
            gfx.DrawString(line, bold, brush, new XPoint(rect.X + 5, y + bold.Size), XStringFormats.BaseLineLeft);
            y += bold.Size * 1.3;
        }

        var local = CertificateBody.ToLocal(signedUtc).ToString("HH:mm dd/MM/yyyy", culture);
        gfx.DrawString(CertificateTexts.Get("Pdf.Layout.SignedOn", culture, local), regular, brush, new XPoint(rect.X + 5, y + regular.Size), XStringFormats.BaseLineLeft);
    }
}
