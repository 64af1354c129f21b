using Microsoft.Extensions.DependencyInjection;
using Learning.Certificates.Services.Pdf;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;

namespace Learning.IntegrationTests.Certificates;

public sealed class CertificatePdfTests
{
    /// <summary>Every Vietnamese letter with two marks (ặ ệ ữ ậ ỗ ỵ ở) in one name.</summary>
    public const string HolderName = "Đặng Thị Ngọc Diệp Hữu Bậu Đỗ Vỵ Thở";

    public static CertificateFacts Facts(string serial = "KH-2026-000042", string name = HolderName, string course = "Kỹ năng sử dụng chữ ký số") => new(
        serial, name, "Công chức Văn phòng - Thống kê", "UBND xã Ninh Phước", course, 16, new DateTime(2026, 11, 30, 3, 0, 0, DateTimeKind.Utc), 92.5,
        new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc), new DateTime(2028, 12, 1, 2, 0, 0, DateTimeKind.Utc), null, null);

    public static Dictionary<string, string?> Settings(string? signerPath = null, string? password = null, string? tsa = null) => new Dictionary<string, string?>
    {
        ["Learning:Certificates:TestSignerFolder"] = Directory.CreateTempSubdirectory("learning-test-signer-").FullName,
        ["Learning:Certificates:SignerPath"] = signerPath,
        ["Learning:Certificates:SignerPassword"] = password,
        ["Learning:Certificates:TimestampAuthorityUrl"] = tsa,
        ["Learning:Notifications:PublicBaseUrl"] = "https://hoctap.khanhhoa.gov.vn",
    }.Where(p => p.Value is not null).ToDictionary();

    /// <summary>
    /// Issue 13: the default template renders every Vietnamese letter and the test-signer warning, pdfsig finds the signature valid
    /// over the whole file, pdftotext reads the text back exactly, and the inspector agrees; a changed byte, appended bytes, a
    /// removed signature, a file that is not a PDF and truncated copies each get their own verdict, never an exception.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RenderAsync_TestSigner_PdfsigValid_TextExact_InspectorValidThenAltered(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, setUp: false, settings: Settings());
        var signed = await site.WithServiceAsync<ICertificatePdf, SignedCertificate>(p => p.RenderAsync(Facts(), CancellationToken.None));
        var status = site.Services.GetRequiredService<ICertificateSigner>().Status;
        Assert.True(status.Usable, status.Problem);
        Assert.True(status.IsTestSigner);
        Assert.True(signed.TestSigner);
        Assert.Equal(status.Thumbprint, signed.SignerThumbprint);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(signed.Pdf)), signed.Sha256Hex);
        Assert.True(signed.TemplateId > 0);
        Assert.Equal(1, signed.TemplateRevision);

        var pdfsig = await PdfTools.PdfsigAsync(signed.Pdf);
        Assert.Contains("Signature is Valid", pdfsig, StringComparison.Ordinal);
        Assert.Contains("Total document signed", pdfsig, StringComparison.Ordinal);
        Assert.Contains("Learning test signer", pdfsig, StringComparison.Ordinal);

        await PdfTools.PngAsync(signed.Pdf, "13-certificate", 60);
        var lines = (await PdfTools.PdftotextAsync(signed.Pdf)).Split('\n').Select(l => l.Trim()).ToList();
        foreach (var expected in new[]
        {
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH KHÁNH HÒA", "SỞ NỘI VỤ", "GIẤY CHỨNG NHẬN",
            "Chứng nhận Ông/Bà", HolderName, "Công chức Văn phòng - Thống kê — UBND xã Ninh Phước", "Đã hoàn thành khóa bồi dưỡng",
            "Kỹ năng sử dụng chữ ký số", "Thời lượng 16 giờ, hoàn thành ngày 30/11/2026, kết quả 92,5%.", "Khánh Hòa, ngày 01 tháng 12 năm 2026",
            "GIÁM ĐỐC", "Số hiệu: KH-2026-000042", "Ngày cấp: 01/12/2026", "Có giá trị đến: 01/12/2028",
            "Ký bởi chứng thư THỬ NGHIỆM — không có giá trị pháp lý",
        })
        {
            Assert.Contains(expected, lines);
        }

        Assert.Contains("https://hoctap.khanhhoa.gov.vn/verify/KH-2026-000042", lines);

        var inspector = site.Services.GetRequiredService<ICertificateSignatureInspector>();
        var valid = inspector.Inspect(signed.Pdf);
        Assert.Equal(SignatureVerdict.Valid, valid.Verdict);
        Assert.Equal(signed.SignerThumbprint, valid.SignerThumbprint);
        Assert.Equal("KH-2026-000042", valid.Serial);
        Assert.Equal(signed.Sha256Hex, valid.Sha256Hex);

        // One byte changed in the page content, inside the signed range.
        var altered = (byte[])signed.Pdf.Clone();
        var at = IndexOf(altered, "stream"u8) + 40;
        altered[at] ^= 0x01;
        Assert.Equal(SignatureVerdict.Altered, inspector.Inspect(altered).Verdict);
        Assert.DoesNotContain("Signature is Valid", await PdfTools.PdfsigAsync(altered), StringComparison.Ordinal);

        // An incremental update appended after signing.
        var appended = signed.Pdf.Concat("\n1 0 obj\n<< /Evil true >>\nendobj\n%%EOF\n"u8.ToArray()).ToArray();
        var afterAppend = inspector.Inspect(appended);
        Assert.Equal(SignatureVerdict.Altered, afterAppend.Verdict);
        Assert.Equal(signed.SignerThumbprint, afterAppend.SignerThumbprint);

        // The signature stripped (its dictionary no longer a signature).
        var stripped = ReplaceAll(signed.Pdf, "/ByteRange"u8, "/ByteRangX"u8);
        var strippedInspection = inspector.Inspect(stripped);
        Assert.Equal(SignatureVerdict.NotSigned, strippedInspection.Verdict);
        Assert.Equal("KH-2026-000042", strippedInspection.Serial);

        Assert.Equal(SignatureVerdict.NotPdf, inspector.Inspect("Giấy chứng nhận giả"u8.ToArray()).Verdict);
        Assert.Equal(SignatureVerdict.NotPdf, inspector.Inspect([]).Verdict);
        for (var length = 1; length < signed.Pdf.Length; length += signed.Pdf.Length / 37)
        {
            var truncated = inspector.Inspect(signed.Pdf[..length]);
            Assert.NotEqual(SignatureVerdict.Valid, truncated.Verdict);
        }
    }

    /// <summary>A name and course holding what Liquid and PDF treat specially print exactly as typed.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RenderAsync_NameWithLiquidAndPdfSyntax_PrintsLiterally(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, setUp: false, settings: Settings());
        const string name = @"Lê {{ name }} 100% (Tèo) \ {% if %}";
        const string course = @"Khóa (đặc biệt) \n {{ course }}";
        var signed = await site.WithServiceAsync<ICertificatePdf, SignedCertificate>(p => p.RenderAsync(Facts(name: name, course: course), CancellationToken.None));
        var lines = (await PdfTools.PdftotextAsync(signed.Pdf)).Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(name, lines);
        Assert.Contains(course, lines);
        Assert.Contains("Signature is Valid", await PdfTools.PdfsigAsync(signed.Pdf), StringComparison.Ordinal);
    }

    /// <summary>A configured PKCS#12 of another key signs instead of the test signer: valid, with that key's thumbprint, no test warning.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RenderAsync_ConfiguredSigner_ValidWithItsThumbprint_NoTestWarning(DatabaseProvider provider)
    {
        var path = PdfTools.SignerFile(PdfTools.WithPassword(PdfTools.NewSigner("Sở Nội vụ tỉnh Khánh Hòa"), "mật-khẩu-2026"));
        await using var site = await TestSite.StartAsync(provider, setUp: false, settings: Settings(path, "mật-khẩu-2026"));
        var signed = await site.WithServiceAsync<ICertificatePdf, SignedCertificate>(p => p.RenderAsync(Facts(), CancellationToken.None));
        Assert.False(signed.TestSigner);
        var inspection = site.Services.GetRequiredService<ICertificateSignatureInspector>().Inspect(signed.Pdf);
        Assert.Equal(SignatureVerdict.Valid, inspection.Verdict);
        Assert.Equal(signed.SignerThumbprint, inspection.SignerThumbprint);
        using var generated = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, "mật-khẩu-2026");
        Assert.Equal(generated.Thumbprint, inspection.SignerThumbprint);
        var pdfsig = await PdfTools.PdfsigAsync(signed.Pdf);
        Assert.Contains("Signature is Valid", pdfsig, StringComparison.Ordinal);
        Assert.Contains("Sở Nội vụ tỉnh Khánh Hòa", pdfsig, StringComparison.Ordinal);
        Assert.DoesNotContain("THỬ NGHIỆM", await PdfTools.PdftotextAsync(signed.Pdf), StringComparison.Ordinal);
    }

    /// <summary>
    /// CI stop 20: a host whose clock a test had moved to March 2027 generated the shared test signer "valid from 01/03/2027", and
    /// every later host on the real date refused to sign. The generated signer now spans both clocks.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task TestSigner_GeneratedByAHostWhoseClockIsAhead_IsUsableOnTheRealDate(DatabaseProvider provider)
    {
        var settings = Settings();
        var ahead = new Learning.IntegrationTests.Media.ManualClock { Now = DateTimeOffset.UtcNow.AddMonths(3) };
        await using (var future = await TestSite.StartAsync(provider, setUp: false, settings: settings, services: s => s.AddSingleton<TimeProvider>(ahead)))
        {
            Assert.True(future.Services.GetRequiredService<ICertificateSigner>().Status.Usable);
        }

        await using var site = await TestSite.StartAsync(provider, setUp: false, settings: settings);
        var status = site.Services.GetRequiredService<ICertificateSigner>().Status;
        Assert.True(status.Usable, status.Problem);
        var signed = await site.WithServiceAsync<ICertificatePdf, SignedCertificate>(p => p.RenderAsync(Facts(), CancellationToken.None));
        Assert.Contains("Signature is Valid", await PdfTools.PdfsigAsync(signed.Pdf), StringComparison.Ordinal);
    }

    /// <summary>A signer with a wrong password, expired, not yet valid, without a private key, or missing: no PDF, and the status says why.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RenderAsync_UnusableSigner_ThrowsAndStatusSaysWhy(DatabaseProvider provider)
    {
        var now = DateTimeOffset.UtcNow;
        var cases = new (string Path, string? Password, string Expected)[]
        {
            (PdfTools.SignerFile(PdfTools.WithPassword(PdfTools.NewSigner("Sai mật khẩu"), "đúng")), "sai", "sai mật khẩu"),
            (PdfTools.SignerFile(PdfTools.NewSigner("Hết hạn", now.AddYears(-3), now.AddDays(-2))), null, "đã hết hạn"),
            (PdfTools.SignerFile(PdfTools.NewSigner("Chưa hiệu lực", now.AddDays(5), now.AddYears(2))), null, "chưa có hiệu lực"),
            (PdfTools.SignerFile(PdfTools.WithoutPrivateKey(PdfTools.NewSigner("Không khóa"))), null, "không chứa khóa bí mật"),
            ("/nonexistent/signer.p12", null, "Không tìm thấy"),
        };
        foreach (var (path, password, expected) in cases)
        {
            await using var site = await TestSite.StartAsync(provider, setUp: false, settings: Settings(path, password));
            var culture = System.Globalization.CultureInfo.CurrentUICulture;
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("vi");
            try
            {
                var status = site.Services.GetRequiredService<ICertificateSigner>().Status;
                Assert.False(status.Usable);
                Assert.Contains(expected, status.Problem, StringComparison.Ordinal);
                var thrown = await Assert.ThrowsAsync<CertificateSignerUnavailableException>(
                    () => site.WithServiceAsync<ICertificatePdf, SignedCertificate>(p => p.RenderAsync(Facts(), CancellationToken.None)));
                Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentUICulture = culture;
            }
        }
    }

    public static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);

    public static byte[] ReplaceAll(byte[] bytes, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        var copy = (byte[])bytes.Clone();
        var offset = 0;
        while (true)
        {
            var at = copy.AsSpan(offset).IndexOf(from);
            if (at < 0)
            {
                return copy;
            }

            to.CopyTo(copy.AsSpan(offset + at));
            offset += at + from.Length;
        }
    }
}

public sealed class CertificateTimestampTests
{
    /// <summary>With a timestamp authority configured, each signature carries its RFC 3161 token (openssl ts on 127.0.0.1).</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RenderAsync_TimestampAuthority_SignatureCarriesTimestamp(DatabaseProvider provider)
    {
        await using var tsa = new LocalTimestampAuthority();
        await using var site = await TestSite.StartAsync(provider, setUp: false, settings: CertificatePdfTests.Settings(tsa: tsa.Url));
        Assert.True(site.Services.GetRequiredService<ICertificateSigner>().Status.HasTimestampAuthority);
        var signed = await site.WithServiceAsync<ICertificatePdf, SignedCertificate>(p => p.RenderAsync(CertificatePdfTests.Facts(), CancellationToken.None));
        Assert.True(tsa.Answered >= 1);

        var cms = CertificateSignatureInspector.ReadCms(signed.Pdf);
        Assert.NotNull(cms);
        Assert.True(CertificateSignatureInspector.HasTimestamp(cms.SignerInfos[0]));
        var token = cms.SignerInfos[0].UnsignedAttributes.Cast<System.Security.Cryptography.CryptographicAttributeObject>()
            .Single(a => a.Oid.Value == "1.2.840.113549.1.9.16.2.14").Values[0].RawData;
        Assert.True(System.Security.Cryptography.Pkcs.Rfc3161TimestampToken.TryDecode(token, out var timestamp, out _));
        Assert.Equal("1.2.3.4.1", timestamp.TokenInfo.PolicyId.Value);
        Assert.True(Math.Abs((timestamp.TokenInfo.Timestamp - DateTimeOffset.UtcNow).TotalMinutes) < 5);

        var inspection = site.Services.GetRequiredService<ICertificateSignatureInspector>().Inspect(signed.Pdf);
        Assert.Equal(SignatureVerdict.Valid, inspection.Verdict);
        Assert.Equal("timestamped", inspection.Detail);
        var pdfsig = await PdfTools.PdfsigAsync(signed.Pdf);
        Assert.Contains("Signature is Valid", pdfsig, StringComparison.Ordinal);
        Assert.Contains("Total document signed", pdfsig, StringComparison.Ordinal);
    }

    /// <summary>A timestamp authority that does not answer stops issuing with a clear error: no PDF without its timestamp.</summary>
    [Fact]
    public async Task RenderAsync_TimestampAuthorityDown_ThrowsSignerUnavailable()
    {
        await using var site = await TestSite.StartAsync(DatabaseProvider.Sqlite, setUp: false, settings: CertificatePdfTests.Settings(tsa: "http://127.0.0.1:9/tsa"));
        await Assert.ThrowsAsync<CertificateSignerUnavailableException>(
            () => site.WithServiceAsync<ICertificatePdf, SignedCertificate>(p => p.RenderAsync(CertificatePdfTests.Facts(), CancellationToken.None)));
    }
}
