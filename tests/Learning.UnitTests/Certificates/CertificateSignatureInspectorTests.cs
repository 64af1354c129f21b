using System.Text;
using Learning.Certificates.Services.Pdf;

namespace Learning.Certificates.Tests;

public sealed class CertificateSignatureInspectorTests
{
    private static readonly CertificateSignatureInspector Inspector = new();

    [Fact]
    public void Inspect_RandomBytesAndTruncations_NeverThrows()
    {
        var random = new Random(13);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            if (i % 3 == 0)
            {
                // Random bytes behind a PDF header, sometimes with signature-looking fragments.
                var fragment = Encoding.Latin1.GetBytes($"%PDF-1.7\n/ByteRange [0 {random.Next(-5, 9999)} {random.Next(0, 99999)} {random.Next(0, 999)}] /Contents <3082{random.Next():X}>\n");
                if (bytes.Length < fragment.Length)
                {
                    bytes = fragment;
                }
                else
                {
                    fragment.CopyTo(bytes, 0);
                }
            }

            var inspection = Inspector.Inspect(bytes);
            Assert.NotEqual(SignatureVerdict.Valid, inspection.Verdict);
            Assert.Equal(64, inspection.Sha256Hex.Length);
        }
    }

    [Fact]
    public void Inspect_NotAPdf_NotPdf()
    {
        Assert.Equal(SignatureVerdict.NotPdf, Inspector.Inspect("PK\u0003\u0004 a zip"u8.ToArray()).Verdict);
        Assert.Equal(SignatureVerdict.NotPdf, Inspector.Inspect([]).Verdict);
    }

    [Fact]
    public void Inspect_PdfWithoutSignature_NotSignedWithSerial()
    {
        var pdf = Encoding.Latin1.GetBytes("%PDF-1.7\n1 0 obj << /LearningCertificateSerial (KH-2026-000007) >> endobj\n%%EOF\n");
        var inspection = Inspector.Inspect(pdf);
        Assert.Equal(SignatureVerdict.NotSigned, inspection.Verdict);
        Assert.Equal("KH-2026-000007", inspection.Serial);
    }

    [Fact]
    public async Task Inspect_RenderedAndSigned_ValidThenEachByteChangeIsCaught()
    {
        var now = DateTime.UtcNow;
        using var signer = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(CertificateSigner.CreateTestSigner(now), null);
        var design = CertificateDesign.From(DefaultCertificateTemplate.Create(now));
        var pdf = await CertificateRenderer.RenderAsync(design, DefaultCertificateTemplate.Sample(now), "https://hoctap.example.vn/verify/KH-2026-000123", signer, true, null, now);
        var valid = Inspector.Inspect(pdf);
        Assert.Equal(SignatureVerdict.Valid, valid.Verdict);
        Assert.Equal(signer.Thumbprint, valid.SignerThumbprint);
        Assert.Equal("KH-2026-000123", valid.Serial);

        // Any change to the signed bytes (everything but the signature's own /Contents) is caught.
        var contents = pdf.AsSpan().IndexOf("/Contents<"u8);
        var contentsEnd = contents + pdf.AsSpan(contents).IndexOf(">"u8);
        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            var copy = (byte[])pdf.Clone();
            var at = random.Next(copy.Length);
            if (at >= contents && at <= contentsEnd)
            {
                continue;
            }

            copy[at] ^= (byte)(1 + random.Next(255));
            Assert.NotEqual(SignatureVerdict.Valid, Inspector.Inspect(copy).Verdict);
        }
    }
}
