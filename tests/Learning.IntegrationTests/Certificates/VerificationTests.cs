using System.Net;
using System.Net.Http.Headers;
using Learning.Certificates.Data;
using Learning.Certificates.Pages.Verify;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Learning.IntegrationTests.Certificates.CertificateFixtures;

namespace Learning.IntegrationTests.Certificates;

/// <summary>Issue 13, verification: the public page by serial and the upload check, against each bad input of the issue.</summary>
public sealed class VerificationTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Upload_SaysOursAlteredNotSignedNotPdfOtherKeyNotOursRevoked(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var (userId, courseId) = await SeedAsync(site);
        await CompleteAsync(site, userId, courseId);
        await DrainJobsAsync(site);
        var certificate = Assert.Single(await CertificatesAsync(site, userId));
        var pdf = await DownloadAsync(site, certificate.Serial);
        var anonymous = site.CreateSiteClient();

        var ours = await UploadAsync(anonymous, pdf);
        Assert.Equal(HttpStatusCode.OK, ours.Status);
        Assert.Contains("data-verdict=\"ours\" data-status=\"valid\"", ours.Body);
        Assert.Contains(WebUtility.HtmlEncode(VietnameseName), ours.Body);

        // One byte changed after signing, inside the signed range (the holder's page content).
        var altered = (byte[])pdf.Clone();
        var range = System.Text.RegularExpressions.Regex.Match(System.Text.Encoding.Latin1.GetString(pdf), @"/ByteRange\s*\[\s*0\s+(\d+)");
        Assert.True(range.Success, "no /ByteRange");
        var at = int.Parse(range.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) / 2;
        altered[at] = (byte)(altered[at] ^ 0x20);
        Assert.Contains("data-verdict=\"altered\"", (await UploadAsync(anonymous, altered)).Body);

        // Bytes appended after the signature: the signature no longer covers the whole file.
        var appended = pdf.Concat("\n% added later\n"u8.ToArray()).ToArray();
        Assert.Contains("data-verdict=\"altered\"", (await UploadAsync(anonymous, appended)).Body);

        Assert.Contains("data-verdict=\"notsigned\"", (await UploadAsync(anonymous, UnsignedPdf())).Body);
        Assert.Contains("data-verdict=\"notpdf\"", (await UploadAsync(anonymous, "Tên,Chức vụ\nAn,Cán bộ\n"u8.ToArray(), "chung-nhan.pdf")).Body);

        // The same serial, signed by a key that is not the one that signed it (as the registry knows it).
        await site.WithDbAsync(db => db.Set<Certificate>().Where(c => c.Id == certificate.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SignerThumbprint, "00AA").SetProperty(c => c.Sha256Hex, new string('0', 64))));
        Assert.Contains("data-verdict=\"otherkey\"", (await UploadAsync(anonymous, pdf)).Body);

        // A signed PDF that names no serial of ours.
        await site.WithDbAsync(db => db.Set<Certificate>().Where(c => c.Id == certificate.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Serial, "CN-2000-0000000")));
        Assert.Contains("data-verdict=\"notours\"", (await UploadAsync(anonymous, pdf)).Body);
        await site.WithDbAsync(db => db.Set<Certificate>().Where(c => c.Id == certificate.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Serial, certificate.Serial).SetProperty(c => c.SignerThumbprint, certificate.SignerThumbprint).SetProperty(c => c.Sha256Hex, certificate.Sha256Hex)));

        // Revoked: still ours and unaltered, and the page says revoked.
        await site.WithDbAsync(db => db.Set<Certificate>().Where(c => c.Id == certificate.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.State, CertificateState.Revoked).SetProperty(c => c.RevokedUtc, DateTime.UtcNow).SetProperty(c => c.RevokedReason, "Thu hồi thử")));
        Assert.Contains("data-verdict=\"ours\" data-status=\"revoked\"", (await UploadAsync(anonymous, pdf)).Body);

        // Nothing uploaded.
        var none = await anonymous.PostFormAsync("/verify", []);
        Assert.Equal(HttpStatusCode.BadRequest, none.Status);
        Assert.Contains("Hãy chọn một tệp PDF", none.Body);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task UnknownOrMalformedSerial_IsALocalizedNotFound_AndA50MegabyteUploadIsRefusedBeforeItIsRead(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var anonymous = site.CreateSiteClient();

        var unknown = await anonymous.GetAsync("/verify/CN-2026-0000000");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("Không tìm thấy chứng nhận có số hiệu", unknown.Body);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/verify/abc%3Cscript%3E")).Status);
        var typed = await anonymous.GetAsync("/verify?serial=CN-2026-ZZZZ");
        Assert.Equal(HttpStatusCode.BadRequest, typed.Status);
        Assert.Contains("không phải là một số hiệu chứng nhận hợp lệ", typed.Body);

        var token = await anonymous.TokenAsync("/verify");
        var huge = new byte[50 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(huge);
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(huge);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "file", "lon.pdf");
        content.Add(new StringContent(token), "__RequestVerificationToken");
        using var response = await anonymous.Http.PostAsync("/verify", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var refused = await anonymous.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Contains("Tệp quá lớn", refused.Body);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task OverKestrel_A50MegabyteUpload_AndAChunkedBodyOverTheLimit_GetTheLocalizedTooLargePage(DatabaseProvider provider)
    {
        // A real Kestrel (its 30 MB default body cap, chunked bodies, connections): the in-memory test server has none of these.
        await using var site = await TestSite.StartAsync(provider, kestrel: true);
        var anonymous = site.CreateSiteClient();
        Assert.True(anonymous.Http.BaseAddress is { IsLoopback: true, Port: > 0 and not 80 }, $"not Kestrel: {anonymous.Http.BaseAddress}");
        const int fifty = 50 * 1024 * 1024;

        async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpContent file)
        {
            var token = await anonymous.TokenAsync("/verify");
            using var content = new MultipartFormDataContent();
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, "file", "lon.pdf"); // the file first, the token after it: a browser sends the form's fields in order
            content.Add(new StringContent(token), "__RequestVerificationToken");
            using var response = await anonymous.Http.PostAsync("/verify", content);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                return (response.StatusCode, body);
            }

            Assert.Equal(UploadSizeGuardAttribute.TooLargeUrl, response.Headers.Location!.OriginalString);
            var page = await anonymous.GetAsync(response.Headers.Location!.OriginalString);
            return (page.Status, page.Body);
        }

        // 50 MB with its length declared (Content-Length), then 50 MB and 12 MB sent chunked (no length): the page's own message.
        foreach (var file in new HttpContent[] { new ByteArrayContent(PdfLike(fifty)), new StreamContent(new UnknownLength(PdfLike(fifty))), new StreamContent(new UnknownLength(PdfLike(12 * 1024 * 1024))) })
        {
            var (status, body) = await PostAsync(file);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
            Assert.Contains("Tệp quá lớn", body);
            Assert.Contains("10 MB", body);
            Assert.Contains("id=\"upload-form\"", body); // the form again, to try another file
        }

        // Under the limit, chunked: read and checked as usual (here: not a PDF), and the site still answers.
        var (smallStatus, smallBody) = await PostAsync(new StreamContent(new UnknownLength("Tên,Chức vụ\nAn,Cán bộ\n"u8.ToArray())));
        Assert.Equal(HttpStatusCode.OK, smallStatus);
        Assert.Contains("data-verdict=\"notpdf\"", smallBody);
    }

    private static byte[] PdfLike(int length)
    {
        var bytes = new byte[length];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    /// <summary>A stream that does not tell its length, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLength(byte[] bytes) : Stream
    {
        private readonly MemoryStream inner = new(bytes, writable: false);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Verification_IsRateLimitedPerClient_WithALocalizedPage_ViewsAndUploadsCountedApart(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, settings: new()
        {
            ["Learning:Certificates:VerifyPerMinute"] = "3",
            ["Learning:Certificates:VerifyUploadsPerMinute"] = "2",
        });
        var anonymous = site.CreateSiteClient();

        // Uploads have their own allowance: two are checked (here: not a PDF), the third is refused with the localized page.
        // Each upload first opens the form (a view: three so far).
        for (var i = 0; i < 2; i++)
        {
            Assert.Contains("data-verdict=\"notpdf\"", (await UploadAsync(anonymous, "không phải PDF"u8.ToArray())).Body);
        }

        var tooMany = await UploadAsync(anonymous, "không phải PDF"u8.ToArray());
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.Status);
        Assert.Contains("Quá nhiều yêu cầu", tooMany.Body);
        Assert.Contains("Hãy chờ một phút rồi thử lại", tooMany.Body);

        // The fourth view in the minute is refused the same way.
        var refused = await anonymous.GetAsync("/verify/CN-2026-0000000");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("Quá nhiều yêu cầu", refused.Body);
    }

    private static Task<(HttpStatusCode Status, string Body, string? Location)> UploadAsync(SiteClient client, byte[] bytes, string name = "chung-nhan.pdf") =>
        client.PostFileAsync("/verify", "file", name, bytes);
}
