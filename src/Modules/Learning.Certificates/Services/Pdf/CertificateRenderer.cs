using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Learning.Certificates.Data;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Signatures;

namespace Learning.Certificates.Services.Pdf;

/// <summary>
/// One certificate as a PDF: the page drawn by <see cref="CertificateLayout"/>, the serial in the Info dictionary, and (given a
/// certificate) a PDFsharp signature over the whole file, SHA-256 CMS, with the visible box and an RFC 3161 timestamp when a
/// timestamp authority is given. Stateless and thread-safe: the fonts are process-wide, everything else is per document.
/// </summary>
public static class CertificateRenderer
{
    /// <summary>The Info dictionary key holding the serial; the inspector reads it back from uploaded files.</summary>
    public const string SerialKey = "/LearningCertificateSerial";

    public static async Task<byte[]> RenderAsync(CertificateDesign design, CertificateFacts facts, string verifyUrl, X509Certificate2? signer, bool testSigner, Uri? timestampAuthority, DateTime nowUtc)
    {
        CertificateFonts.Install();
        var body = await CertificateBody.RenderAsync(design.BodyLiquid, facts);
        var culture = CertificateBody.CultureOf(facts.Culture);

        using var document = new PdfDocument();
        document.Info.Title = $"{design.Title} {facts.Serial}";
        document.Info.Subject = facts.CourseTitle;
        document.Info.Author = design.Agency.Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' ');
        document.Info.Keywords = facts.Serial;
        document.Info.Creator = "Learning";
        document.Info.Elements.SetString(SerialKey, facts.Serial);
        document.Options.CompressContentStreams = true;
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;

        var page = document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = design.Orientation == CertificateOrientation.Portrait ? PageOrientation.Portrait : PageOrientation.Landscape;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            CertificateLayout.Draw(gfx, page, design, facts, body, new CertificatePageContext(verifyUrl, testSigner));
        }

        if (signer is not null)
        {
            var box = CertificateLayout.SignatureBox(page);
            var name = signer.GetNameInfo(X509NameType.SimpleName, false);
            var options = new DigitalSignatureOptions
            {
                Reason = $"{design.Title} {facts.Serial}",
                Location = design.Place,
                ContactInfo = verifyUrl,
                AppName = "Learning",
                PageIndex = 0,
                // PDFsharp counts the rectangle's y from the bottom of the page.
                Rectangle = new XRect(box.X, page.Height.Point - box.Bottom, box.Width, box.Height),
                AppearanceHandler = new SignatureAppearance(name, nowUtc, culture, testSigner),
            };
            DigitalSignatureHandler.ForDocument(document, new PdfSharpDefaultSigner(signer, PdfMessageDigestType.SHA256, timestampAuthority), options);
        }

        using var output = new MemoryStream();
        await document.SaveAsync(output, closeStream: false);
        return output.ToArray();
    }

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
