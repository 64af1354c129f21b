using System.Security.Cryptography.X509Certificates;
using Learning.Certificates.Services.Pdf;

namespace Learning.IntegrationTests.Certificates;

/// <summary>Poppler's and OpenSSL's command-line tools over real files, as other software reads our PDFs.</summary>
internal static class PdfTools
{
    public static async Task<(int Exit, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var (exit, output, error) = await Learning.IntegrationTests.Infrastructure.ExternalTool.RunAsync(tool, arguments);
        return (exit, output + error);
    }

    public static async Task<string> PdfsigAsync(byte[] pdf)
    {
        var path = await TempFileAsync(pdf, ".pdf");
        try
        {
            return (await RunAsync("pdfsig", path)).Output;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static async Task<string> PdftotextAsync(byte[] pdf)
    {
        var path = await TempFileAsync(pdf, ".pdf");
        try
        {
            var (exit, output) = await RunAsync("pdftotext", "-enc", "UTF-8", path, "-");
            Assert.True(exit == 0, output);
            return output;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Renders page 1 at 60 dpi to artifacts/screenshots/<paramref name="name"/>.png, for a person to look at.</summary>
    public static async Task<string> PngAsync(byte[] pdf, string name, int dpi = 60)
    {
        var folder = RepositoryRoot.File("artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var path = await TempFileAsync(pdf, ".pdf");
        try
        {
            var (exit, output) = await RunAsync("pdftoppm", "-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-singlefile", path, Path.Combine(folder, name));
            Assert.True(exit == 0, output);
            return Path.Combine(folder, name + ".png");
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static async Task<string> TempFileAsync(byte[] bytes, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), "learning-cert-" + Guid.NewGuid().ToString("N") + extension);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    /// <summary>A PKCS#12 signer file written to a temp folder.</summary>
    public static string SignerFile(byte[] pkcs12)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("learning-signer-").FullName, "signer.p12");
        File.WriteAllBytes(path, pkcs12);
        return path;
    }

    public static byte[] WithPassword(byte[] pkcs12, string password)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12(pkcs12, null, X509KeyStorageFlags.Exportable);
        return certificate.Export(X509ContentType.Pkcs12, password);
    }

    public static byte[] WithoutPrivateKey(byte[] pkcs12)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12(pkcs12, null);
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        return publicOnly.Export(X509ContentType.Pkcs12);
    }

    public static byte[] NewSigner(string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null) =>
        CertificateSigner.CreateTestSigner(DateTimeOffset.UtcNow, name, notBefore, notAfter);
}
