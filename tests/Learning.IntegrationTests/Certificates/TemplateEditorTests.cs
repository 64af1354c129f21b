using System.Net;
using System.Net.Http.Headers;
using Learning.Certificates.Data;
using Learning.Certificates.Services.Pdf;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Learning.IntegrationTests.Certificates;

public sealed class CertificateTemplateEditorTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static async Task<(HttpStatusCode Status, string Body, string? Location)> PostAsync(SiteClient client, string page, string handler, Dictionary<string, string> fields, (string Field, string Name, byte[] Bytes)? file = null)
    {
        var token = await client.TokenAsync(page);
        using var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        if (file is { } f)
        {
            var part = new ByteArrayContent(f.Bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(part, f.Field, f.Name);
        }

        content.Add(new StringContent(token), "__RequestVerificationToken");
        using var response = await client.Http.PostAsync(page + "&handler=" + handler, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    private static Dictionary<string, string> Form(string title, string body) => new()
    {
        ["Draft.Name"] = "Mẫu mặc định",
        ["Draft.Orientation"] = "Portrait",
        ["Draft.Agency"] = "UBND TỈNH KHÁNH HÒA\nSỞ NỘI VỤ",
        ["Draft.Place"] = "Nha Trang",
        ["Draft.Title"] = title,
        ["Draft.BodyLiquid"] = body,
        ["Draft.SignatoryTitles[0]"] = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        ["Draft.SignatoryNames[0]"] = "Lê Thị Ỵến",
        ["Draft.SignatoryTitles[1]"] = "TRƯỞNG PHÒNG",
        ["Draft.SignatoryNames[1]"] = "Đỗ Văn Hữu",
    };

    /// <summary>
    /// Issue 13: the trainer's editor. Broken Liquid (with its line), an unknown variable and a file that is not an image are each
    /// refused and nothing is saved; a good save moves the revision on, is audited, and the renderer uses it; a course's template
    /// is chosen for that course; restoring the default puts the shipped text back. The preview is the real renderer's PDF.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Trainer_EditsTemplate_RefusedDraftsSaveNothing_SavedOneIsRendered(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, settings: CertificatePdfTests.Settings());
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var list = await admin.GetAsync("/Admin/Certificates/Templates");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var id = await site.WithDbAsync(db => db.Set<CertificateTemplate>().Where(t => t.IsDefault).Select(t => t.Id).SingleAsync());
        var page = $"/Admin/Certificates/Templates/Edit?id={id}";
        var edit = await admin.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, edit.Status);
        Assert.Contains("{{ name }}", WebUtility.HtmlDecode(edit.Body), StringComparison.Ordinal);

        using (var preview = await admin.Http.GetAsync(page + "&handler=Preview"))
        {
            Assert.Equal("application/pdf", preview.Content.Headers.ContentType?.MediaType);
            var text = await PdfTools.PdftotextAsync(await preview.Content.ReadAsByteArrayAsync());
            Assert.Contains("Tôn Nữ Huyền Trâm", text, StringComparison.Ordinal);
        }

        var broken = await PostAsync(admin, page, "Save", Form("GIẤY CHỨNG NHẬN", "Dòng một\n{% if name %}{{ name }"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
        Assert.Contains("Nội dung, dòng 2: lỗi cú pháp Liquid", WebUtility.HtmlDecode(broken.Body), StringComparison.Ordinal);
        var unknown = await PostAsync(admin, page, "Save", Form("GIẤY CHỨNG NHẬN", "# {{ ho_ten }}"));
        Assert.Contains("biến «ho_ten» không có", WebUtility.HtmlDecode(unknown.Body), StringComparison.Ordinal);
        var notImage = await PostAsync(admin, page, "Save", Form("GIẤY CHỨNG NHẬN", "# {{ name }}"), ("EmblemFile", "quoc-huy.png", "%PDF-1.7 không phải ảnh"u8.ToArray()));
        Assert.Contains("chỉ nhận ảnh PNG hoặc JPEG", WebUtility.HtmlDecode(notImage.Body), StringComparison.Ordinal);
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<CertificateTemplate>().Where(t => t.Id == id).Select(t => t.Revision).SingleAsync()));

        var draftPreview = await PostAsync(admin, page, "Preview", Form("CHỨNG NHẬN XEM TRƯỚC", "# {{ name }}"));
        Assert.Equal(HttpStatusCode.OK, draftPreview.Status);

        var saved = await PostAsync(admin, page, "Save", Form("CHỨNG NHẬN HOÀN THÀNH", "Ông/Bà\n# {{ name }}\n## {{ course }}"), ("SignatureFiles[0]", "chu-ky.png", Png));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var template = await site.WithDbAsync(db => db.Set<CertificateTemplate>().Include(t => t.Signatories).SingleAsync(t => t.Id == id));
        Assert.Equal(2, template.Revision);
        Assert.Equal(CertificateOrientation.Portrait, template.Orientation);
        Assert.Equal(2, template.Signatories.Count);
        Assert.NotNull(template.Signatories.Single(s => s.Order == 0).SignatureImage);
        Assert.True(await site.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "certificates.template.saved")));

        var signed = await site.WithServiceAsync<ICertificatePdf, SignedCertificate>(p => p.RenderAsync(CertificatePdfTests.Facts(), CancellationToken.None));
        Assert.Equal(2, signed.TemplateRevision);
        var lines = (await PdfTools.PdftotextAsync(signed.Pdf)).Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains("CHỨNG NHẬN HOÀN THÀNH", lines);
        Assert.Contains("Nha Trang, ngày 01 tháng 12 năm 2026", lines);
        Assert.Contains("Lê Thị Ỵến", lines);
        Assert.Contains("Signature is Valid", await PdfTools.PdfsigAsync(signed.Pdf), StringComparison.Ordinal);
        await PdfTools.PngAsync(signed.Pdf, "13-certificate-portrait-" + provider, 60);

        // A course's own template is chosen for that course.
        // The form offers the courses and paths by title; one that does not exist is refused with the page's message.
        var courseId = await site.WithDbAsync(db => db.Set<Learning.Courses.Data.Course>().OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var courseTitle = await site.WithDbAsync(db => db.Set<Learning.Courses.Data.Course>().Where(c => c.Id == courseId).Select(c => c.Title).SingleAsync());
        var offered = await admin.GetAsync("/Admin/Certificates/Templates");
        Assert.Contains($"<option value=\"course:{courseId}\">{courseTitle}</option>", WebUtility.HtmlDecode(offered.Body));
        var missing = await admin.PostFormAsync("/Admin/Certificates/Templates", [new("NewName", "Không có"), new("NewSubject", "course:4242")], "/Admin/Certificates/Templates?handler=Create");
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Contains("Hãy chọn một khóa học hoặc lộ trình còn tồn tại", missing.Body);
        var created = await admin.PostFormAsync("/Admin/Certificates/Templates", [new("NewName", "Chữ ký số"), new("NewSubject", $"course:{courseId}")], "/Admin/Certificates/Templates?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var courseTemplate = await site.WithDbAsync(db => db.Set<CertificateTemplate>().SingleAsync(t => t.CourseId == courseId));
        Assert.Contains($"Khóa học: {courseTitle}", WebUtility.HtmlDecode((await admin.GetAsync("/Admin/Certificates/Templates")).Body));
        Assert.DoesNotContain($"value=\"course:{courseId}\"", (await admin.GetAsync("/Admin/Certificates/Templates")).Body); // it has one now
        var forCourse = await site.WithServiceAsync<ICertificatePdf, SignedCertificate>(p => p.RenderAsync(CertificatePdfTests.Facts() with { CourseId = courseId }, CancellationToken.None));
        Assert.Equal(courseTemplate.Id, forCourse.TemplateId);

        var restored = await admin.PostFormAsync(page, [], page + "&handler=Restore");
        Assert.Equal(HttpStatusCode.Redirect, restored.Status);
        template = await site.WithDbAsync(db => db.Set<CertificateTemplate>().SingleAsync(t => t.Id == id));
        Assert.Equal(3, template.Revision);
        Assert.Equal(DefaultCertificateTemplate.Title, template.Title);
        Assert.Equal(DefaultCertificateTemplate.Body, template.BodyLiquid);
    }
}
