using System.Diagnostics;
using System.Text;
using Learning.Certificates.Data;
using Learning.Courses;
using Learning.Courses.Data;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Learning.Organization.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Certificates;

/// <summary>A one-lesson course assigned to commune B (Nha Trang), a cadre there who completes it, and the poppler tools.</summary>
public static class CertificateFixtures
{
    public const string CourseSlug = "khoa-chung-nhan";
    public const string CourseTitle = "Kỹ năng sử dụng chữ ký số trong công vụ";
    public const string CadreEmail = "tran.huu.luc.nhatrang@example.vn";
    public const string CommuneManager = "ql.nhatrang@example.vn";
    public const string OtherCommuneManager = "ql.hacthanh@example.vn";

    /// <summary>Every Vietnamese mark, the letters with two of them (ệ ữ ậ ỗ ặ ỵ ở) among them.</summary>
    public const string VietnameseName = "Đặng Thị Ỷ Ngọc Diệp Hữu Ậu Ỗ Ởn Ỹ Ẵm Ỵ";

    public static async Task<(string UserId, int CourseId)> SeedAsync(TestSite site, string holderName = VietnameseName)
    {
        var result = await site.RunRecipeAsync($$"""
            { "name": "certificate-test", "steps": [
              { "name": "courses", "courses": [ { "slug": "{{CourseSlug}}", "title": "{{CourseTitle}}", "estimatedHours": 4, "publish": true, "modules": [
                { "key": "m1", "title": "Chương 1", "lessons": [ { "key": "l1", "title": "Bài 1", "kind": "article", "markdown": "Nội dung", "minutes": 5 } ] } ] } ] },
              { "name": "assignments", "assignments": [ { "course": "{{CourseSlug}}", "target": "unit", "value": "KH-NHATRANG" } ] },
              { "name": "users", "users": [
                { "email": "{{CommuneManager}}", "displayName": "Quản lý Nha Trang", "roles": ["Manager"] },
                { "email": "{{OtherCommuneManager}}", "displayName": "Quản lý Hạc Thành", "roles": ["Manager"] } ] },
              { "name": "scopes", "scopes": [
                { "user": "{{CommuneManager}}", "unit": "KH-NHATRANG" },
                { "user": "{{OtherCommuneManager}}", "unit": "TH-HACTHANH" } ] }
            ] }
            """);
        Assert.True(result.Succeeded, result.Error);
        var userId = await site.WithDbAsync(db => db.Users.Where(u => u.Email == CadreEmail).Select(u => u.Id).SingleAsync());
        await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(c => c.FullName, holderName)));
        var courseId = await site.WithDbAsync(db => db.Set<Course>().Where(c => c.Slug == CourseSlug).Select(c => c.Id).SingleAsync());
        return (userId, courseId);
    }

    /// <summary>Completes the course's one lesson as a learner would; the course completion queues the certificate's job.</summary>
    public static async Task CompleteAsync(TestSite site, string userId, int courseId) =>
        Assert.True(await site.WithServiceAsync<ILessonCompletionReporter, bool>(r => r.ReportCompletedAsync(userId, courseId, "l1", "test")));

    /// <summary>Runs queued jobs until none is left (the test host runs no worker of its own).</summary>
    public static async Task DrainJobsAsync(TestSite site)
    {
        var worker = site.Services.GetRequiredService<JobWorker>();
        for (var i = 0; i < 50 && await worker.RunOnceAsync(CancellationToken.None); i++)
        {
        }
    }

    public static Task<List<Certificate>> CertificatesAsync(TestSite site, string userId) =>
        site.WithDbAsync(db => db.Set<Certificate>().AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Id).ToListAsync());

    public static Task<List<JobRecord>> IssueJobsAsync(TestSite site) =>
        site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().Where(j => j.Kind == "certificates.issue").OrderBy(j => j.Id).ToListAsync());

    public static async Task<byte[]> DownloadAsync(TestSite site, string serial, string email = CadreEmail)
    {
        using var client = await site.SignedInAsync(email);
        var response = await client.Http.GetAsync("/Certificates/Download/" + serial);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Runs a poppler tool on the bytes and returns what it prints (stdout and stderr) and its exit code.</summary>
    public static async Task<(int Exit, string Output)> PopplerAsync(string tool, byte[] pdf, params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("learning-cert-").FullName;
        try
        {
            var file = Path.Combine(folder, "c.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            start.ArgumentList.Add(file);
            if (tool == "pdftotext")
            {
                start.ArgumentList.Add("-");
            }

            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output + error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A well-formed PDF with no signature, made by another program.</summary>
    public static byte[] UnsignedPdf()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        document.AddPage();
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}
