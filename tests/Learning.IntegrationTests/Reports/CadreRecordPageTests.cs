using System.Net;
using System.Text.RegularExpressions;
using Learning.Certificates.Data;
using Learning.Courses.Data;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.Media.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Reports;

/// <summary>Issue 14, the cadre record: video lessons with the seconds watched (the media module's watch records) of the video's
/// length, and every quiz attempt (the quizzes module's), read through contracts; another commune's cadre stays 404.</summary>
public sealed partial class CadreRecordPageTests
{

    private const string Manager = "ql.hoso.anhduong@example.vn";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Record_ShowsVideoWatchedOfDuration_AndEveryQuizAttempt(DatabaseProvider provider)
    {
        var clock = new ManualClock { Now = ReportFixture.Now };
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var f = await ReportFixture.CreateAsync(site);
        var t0 = new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc);
        await site.WithDbAsync(async db =>
        {
            var video1 = Video("rp-vid-1", "Ký số trên điện thoại", 754);
            var video2 = Video("rp-vid-2", "Tra cứu hồ sơ", 312);
            db.AddRange(video1, video2);
            var module = new CourseModule { CourseId = f.C1, Key = "m-video", Title = "Video", Position = 1 };
            db.Add(module);
            await db.SaveChangesAsync();
            db.AddRange(
                new Lesson { CourseId = f.C1, ModuleId = module.Id, Key = "v1", Title = "Bài video 1", Kind = "video", Position = 1, Reference = "rp-vid-1" },
                new Lesson { CourseId = f.C1, ModuleId = module.Id, Key = "v2", Title = "Bài video 2", Kind = "video", Position = 2, Reference = "rp-vid-2" },
                new Lesson { CourseId = f.C1, ModuleId = module.Id, Key = "a1", Title = "Bài đọc", Kind = "article", Position = 3 });
            var c1User = await UserOfAsync(db, f.CadreIds["c1"]);
            var c5User = await UserOfAsync(db, f.CadreIds["c5"]);
            db.AddRange(
                new WatchRecord { UserId = c1User, VideoId = video1.Id, Intervals = "0-377", WatchedSeconds = 377, PositionSeconds = 377, UpdatedUtc = t0.AddDays(5), AllowanceFromUtc = t0 },
                new WatchRecord { UserId = c5User, VideoId = video2.Id, Intervals = "0-300", WatchedSeconds = 300, PositionSeconds = 300, UpdatedUtc = t0.AddDays(5), AllowanceFromUtc = t0 },
                new LessonProgress { UserId = c1User, CourseId = f.C1, LessonKey = "v1", FirstOpenedUtc = t0.AddDays(1) },
                new LessonProgress { UserId = c1User, CourseId = f.C1, LessonKey = "a1", FirstOpenedUtc = t0.AddDays(1), CompletedUtc = t0.AddDays(2) },
                new LessonProgress { UserId = c5User, CourseId = f.C1, LessonKey = "v2", FirstOpenedUtc = t0.AddDays(1), CompletedUtc = t0.AddDays(1) });
            await db.SaveChangesAsync();
            return 0;
        });
        using var manager = await ManagerOfCommuneAAsync(site);

        var record = await manager.GetAsync($"/Admin/Reports/Cadre/{f.CadreIds["c1"]}");
        Assert.Equal(HttpStatusCode.OK, record.Status);
        var videos = VideoRows().Matches(record.Body).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal([("377", "754"), ("", "312")], videos); // c5's watching is not c1's; the article lesson is not a video
        Assert.Contains("6:17 / 12:34", record.Body, StringComparison.Ordinal);
        Assert.Contains("Chưa xem", record.Body, StringComparison.Ordinal);
        var attempts = AttemptRows().Matches(record.Body).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Contains(("2", "Finished"), attempts);
        Assert.Contains(("1", "Finished"), attempts);
        Assert.Matches("(?s)data-attempt=\"2\".*?>90</td>", record.Body);
        Assert.Matches("(?s)data-attempt=\"1\".*?>60</td>", record.Body);
        Assert.Contains("Kiểm tra rp", record.Body, StringComparison.Ordinal);

        // Every lesson of their courses, of every kind, in course order, with when they opened and completed it (c5's are not c1's).
        var lessons = LessonRows().Matches(System.Net.WebUtility.HtmlDecode(record.Body)).Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim(), m.Groups[3].Value)).ToList();
        Assert.Equal([("inprogress", "Bài video 1", "Đã mở 02/11/2026, chưa hoàn thành"), ("notstarted", "Bài video 2", "Chưa mở"), ("completed", "Bài đọc", "Hoàn thành 03/11/2026")],
            lessons.Where(l => l.Item2.StartsWith("Bài", StringComparison.Ordinal)).ToList());
        Assert.Contains("· Bài đọc</span>", System.Net.WebUtility.HtmlDecode(record.Body), StringComparison.Ordinal); // the article's kind

        // Their digital-signature readiness as the certificates module computes it, and the certificates issued to them, newest
        // first, each with its state (an expired one as expired, though its row still says valid), linked to public verification.
        Assert.Matches("id=\"cadre-readiness\" data-state=\"(NotStarted|InTraining|Ready|Requested|Issued|Expiring|Expired)\"", record.Body);
        Assert.Contains("Chưa được cấp chứng nhận nào.", record.Body, StringComparison.Ordinal);
        await site.WithDbAsync(async db =>
        {
            var user = await UserOfAsync(db, f.CadreIds["c1"]);
            db.AddRange(
                Certificate("RP-2026-000101", user, "Chứng nhận sẵn sàng ký số", t0.AddDays(3), null, CertificateState.Valid),
                Certificate("RP-2026-000102", user, "Chứng nhận Dịch vụ công trực tuyến", t0.AddDays(1), t0.AddDays(2), CertificateState.Valid),
                Certificate("RP-2026-000100", user, "Chứng nhận cũ", t0, null, CertificateState.Revoked));
            return await db.SaveChangesAsync();
        });
        var withCertificates = (await manager.GetAsync($"/Admin/Reports/Cadre/{f.CadreIds["c1"]}")).Body;
        var certificates = CertificateRows().Matches(withCertificates).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal([("RP-2026-000101", "Valid"), ("RP-2026-000102", "Expired"), ("RP-2026-000100", "Revoked")], certificates);
        Assert.Contains("href=\"/verify/RP-2026-000101\"", withCertificates, StringComparison.Ordinal);
        Assert.Contains("Đã thu hồi", withCertificates, StringComparison.Ordinal);

        // c4 never watched nor attempted: both sections say so; another commune's cadre is still 404.
        var c4 = await manager.GetAsync($"/Admin/Reports/Cadre/{f.CadreIds["c4"]}");
        Assert.Contains("Chưa làm bài kiểm tra nào.", c4.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("RP-2026-0001", c4.Body, StringComparison.Ordinal);
        Assert.Equal(2, VideoRows().Matches(c4.Body).Count(m => m.Groups[1].Value.Length == 0));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/Admin/Reports/Cadre/{f.CadreIds["c5"]}")).Status);
    }

    /// <summary>
    /// A reporting node may switch the media module off (<c>Learning:Modules:Disabled</c>); reports do not depend on it. Its
    /// watch records were read through a contract only the media module provides, so before this every report service that
    /// took it failed to build: the record, the export and the report page answered 500.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task WithTheMediaModuleOff_TheRecordAndTheExportStillServe(DatabaseProvider provider)
    {
        var clock = new ManualClock { Now = ReportFixture.Now };
        // Set up by the shipped setup recipe: its support recipe's hotlines are the media module's step, skipped here.
        await using var site = await TestSite.StartAsync(provider, settings: new() { ["Learning:Modules:Disabled"] = "Learning.Media" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Hotline>().CountAsync()));
        Assert.True(await site.WithDbAsync(db => db.Set<Learning.Quizzes.Data.Quiz>().AnyAsync())); // the rest of the setup ran
        var f = await ReportFixture.CreateAsync(site);
        using var manager = await ManagerOfCommuneAAsync(site);

        var record = await manager.GetAsync($"/Admin/Reports/Cadre/{f.CadreIds["c1"]}");
        Assert.Equal(HttpStatusCode.OK, record.Status);
        Assert.Equal(0, VideoRows().Count(record.Body));
        Assert.DoesNotContain("id=\"videos-title\"", record.Body, StringComparison.Ordinal); // no video section on a site without videos
        Assert.Equal(2, AttemptRows().Count(record.Body)); // the quizzes module's part is there
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/Admin/Reports")).Status);
        using var export = await manager.Http.GetAsync($"/Admin/Reports/Export?format=xlsx&course={f.C1}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A manager of commune A (the fixture's "rp-A"), signed in.</summary>
    private static async Task<SiteClient> ManagerOfCommuneAAsync(TestSite site)
    {
        var staff = await site.RunRecipeAsync($$"""
            { "name": "record-staff", "steps": [
              { "name": "users", "users": [ { "email": "{{Manager}}", "displayName": "Quản lý hồ sơ", "roles": ["Manager"] } ] },
              { "name": "scopes", "scopes": [ { "user": "{{Manager}}", "unit": "rp-A" } ] } ] }
            """);
        Assert.True(staff.Succeeded, staff.Error);
        return await site.SignedInAsync(Manager);
    }

    private static Certificate Certificate(string serial, string userId, string title, DateTime issued, DateTime? expires, CertificateState state) => new()
    {
        Serial = serial, UserId = userId, Subject = "course:1", HolderName = "Cán bộ C1", HolderNameFolded = "can bo c1", Title = title,
        CompletedUtc = issued, IssuedUtc = issued, ExpiresUtc = expires, State = state, Sha256Hex = new string('0', 64), SignerThumbprint = "test",
        TestSigner = true, TemplateId = 1, TemplateRevision = 1,
    };

    private static Video Video(string publicId, string title, double seconds) => new()
    {
        PublicId = publicId, Title = title, State = VideoState.Ready, DurationSeconds = seconds, SourceFileName = publicId + ".mp4", SourceExtension = ".mp4",
        CreatedBy = "test", CreatedUtc = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    private static async Task<string> UserOfAsync(LearningDbContext db, int cadreId) =>
        (await db.Set<Learning.Organization.Data.Cadre>().FindAsync(cadreId))!.UserId!;

    [GeneratedRegex("<tr data-course=\"\\d+\" data-watched=\"(\\d*)\" data-duration=\"(\\d+)\">")]
    private static partial Regex VideoRows();

    [GeneratedRegex("<tr data-attempt=\"(\\d+)\" data-state=\"(\\w+)\">")]
    private static partial Regex AttemptRows();

    [GeneratedRegex("<tr data-serial=\"([^\"]+)\" data-state=\"(\\w+)\">")]
    private static partial Regex CertificateRows();

    [GeneratedRegex("""<li data-state="(\w+)"><div class="lesson-line">\s*<span class="wrap">([^<]+)<span class="muted small">[^<]*</span></span>\s*<span class="small">([^<]*)</span>""")]
    private static partial Regex LessonRows();
}
