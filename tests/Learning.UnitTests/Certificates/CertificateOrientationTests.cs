using System.Diagnostics;
using System.Text;
using Learning.Certificates.Data;
using Learning.Certificates.Services.Pdf;

namespace Learning.Certificates.Tests;

/// <summary>Issue 13: the default template in both orientations keeps the quốc hiệu on one line (read back by pdftotext).</summary>
public sealed class CertificateOrientationTests
{
    [Theory]
    [InlineData(CertificateOrientation.Portrait)]
    [InlineData(CertificateOrientation.Landscape)]
    public async Task DefaultTemplate_QuocHieuOnOneLine_AndTieuNguUnderIt(CertificateOrientation orientation)
    {
        var now = DateTime.UtcNow;
        using var signer = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(CertificateSigner.CreateTestSigner(now), null);
        var design = CertificateDesign.From(DefaultCertificateTemplate.Create(now)) with { Orientation = orientation };
        var pdf = await CertificateRenderer.RenderAsync(design, DefaultCertificateTemplate.Sample(now), "https://hoctap.example.vn/verify/CN-2026-7K3QH9X", signer, true, null, now);
        var name = orientation.ToString().ToLowerInvariant();
        var path = Path.Combine(Path.GetTempPath(), $"learning-cert-{name}-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var lines = (await RunAsync("pdftotext", "-enc", "UTF-8", "-layout", path, "-")).Normalize(NormalizationForm.FormC)
                .Split('\n').Select(l => l.Trim()).ToList();
            // With -layout, text on one line of the page is one line of output: the quốc hiệu (after the agency's first line in
            // the same row) is whole on one line, and no line holds a part of it alone.
            var national = Assert.Single(lines, l => l.Contains("CỘNG HÒA", StringComparison.Ordinal));
            Assert.EndsWith(CertificateLayout.NationalTitle, national, StringComparison.Ordinal);
            Assert.DoesNotContain(lines, l => l.StartsWith("VIỆT NAM", StringComparison.Ordinal) || l.EndsWith("XÃ HỘI CHỦ NGHĨA", StringComparison.Ordinal));
            var motto = lines.FindIndex(l => l.Contains(CertificateLayout.Motto, StringComparison.Ordinal));
            Assert.True(motto > lines.IndexOf(national), "the tiêu ngữ is under the quốc hiệu");

            // For a person to look at: artifacts/screenshots/13-certificate-{portrait,landscape}-1.png
            var folder = RepositoryRoot.File("artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            await RunAsync("pdftoppm", "-png", "-r", "60", path, Path.Combine(folder, $"13-certificate-{name}"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
