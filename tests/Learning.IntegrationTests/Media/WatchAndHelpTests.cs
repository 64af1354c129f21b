using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Courses.Data;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Media.Data;
using Learning.Media.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Media;

public sealed partial class WatchAndHelpTests
{
    private const string NhaTrangCadre = "nguyen.thi.ngoc.diep.nhatrang@example.vn";
    private const string HacThanhCadre = "le.van.thang.hacthanh@example.vn";

    /// <summary>A ready 3-minute video (its files are not needed to count watching) and a published course with it as a lesson, assigned to Nha Trang.</summary>
    private static async Task<(int VideoId, string PublicId, int CourseId)> VideoLessonAsync(TestSite site)
    {
        var video = new Video
        {
            PublicId = "abcdef0123456789abcdef01",
            Title = "Ký số hồ sơ trên hệ thống một cửa",
            SearchText = Learning.Modularity.SearchText.Fold("Ký số hồ sơ trên hệ thống một cửa"),
            State = VideoState.Ready,
            DurationSeconds = 180,
            Width = 640,
            Height = 360,
            HasAudio = true,
            Renditions = "360p,240p,audio",
            Field = "digital-signature",
            CreatedUtc = DateTime.UtcNow,
        };
        await site.WithDbAsync(async db => { db.Add(video); return await db.SaveChangesAsync(); });
        var result = await site.RunRecipeAsync($$"""
            { "name": "media-test", "steps": [
              { "name": "courses", "courses": [ { "slug": "video-ky-so", "title": "Ký số qua video", "publish": true, "modules": [
                { "key": "m1", "title": "Xem video", "lessons": [
                  { "key": "v1", "title": "Video ký số", "kind": "video", "reference": "{{video.PublicId}}", "required": true, "minutes": 3 } ] } ] } ] },
              { "name": "assignments", "assignments": [ { "course": "video-ky-so", "target": "unit", "value": "KH-NHATRANG", "dueDays": 30 } ] }
            ] }
            """);
        Assert.True(result.Succeeded, result.Error);
        var courseId = await site.WithDbAsync(db => db.Set<Course>().Where(c => c.Slug == "video-ky-so").Select(c => c.Id).SingleAsync());
        return (video.Id, video.PublicId, courseId);
    }

    private static string WatchToken(string page) => WebUtility.HtmlDecode(WatchPattern().Match(page).Groups[1].Value);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> BeatAsync(SiteClient client, string token, double[][] intervals, double position)
    {
        using var response = await client.Http.PostAsJsonAsync("/media/watch", new { token, intervals, position });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    /// <summary>Issue 10, item 5: hotline contacts are validated, and a duplicate key is refused; a refused recipe changes nothing.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HotlineRecipe_RefusesBadContactsAndDuplicateKeys_NamingThePath(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var before = await site.WithDbAsync(db => db.Set<Hotline>().CountAsync());
        static string Recipe(string lines) => "{ \"name\": \"h\", \"steps\": [ { \"name\": \"hotlines\", \"hotlines\": [ " + lines + " ] } ] }";

        var zalo = await site.RunRecipeAsync(Recipe("""{ "key": "x1", "field": "it", "name": "Hỗ trợ", "zalo": "javascript:alert(1)" }"""));
        Assert.False(zalo.Succeeded);
        Assert.Equal("$.steps[0].hotlines[0].zalo", zalo.JsonPath);
        Assert.Contains("không phải số điện thoại", zalo.Error, StringComparison.Ordinal);

        var email = await site.RunRecipeAsync(Recipe("""{ "key": "x2", "field": "it", "name": "Hỗ trợ", "email": "không phải email" }"""));
        Assert.Equal("$.steps[0].hotlines[0].email", email.JsonPath);

        var twice = await site.RunRecipeAsync(Recipe("""{ "key": "x3", "field": "it", "name": "Một", "phone": "0258 3800 009" }, { "key": "x3", "field": "it", "name": "Hai", "phone": "0258 3800 010" }"""));
        Assert.False(twice.Succeeded);
        Assert.Equal("$.steps[0].hotlines[1].key", twice.JsonPath);
        Assert.Equal(before, await site.WithDbAsync(db => db.Set<Hotline>().CountAsync()));

        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var page = await admin.PostFormAsync("/Admin/Media/Hotlines", [new("field", "it"), new("name", "Hỗ trợ"), new("zalo", "javascript:alert(1)")], "/Admin/Media/Hotlines?handler=Add");
        Assert.Contains("không hợp lệ", page.Body, StringComparison.Ordinal);
        Assert.Equal(before, await site.WithDbAsync(db => db.Set<Hotline>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Heartbeats_CountOnlyUniqueWatchedSeconds_AndCompleteTheLessonAtTheThreshold(DatabaseProvider provider)
    {
        var clock = new ManualClock();
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var (videoId, _, courseId) = await VideoLessonAsync(site);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var userId = await site.WithDbAsync(db => db.Users.Where(u => u.Email == NhaTrangCadre).Select(u => u.Id).SingleAsync());

        var page = await cadre.GetAsync("/Courses/video-ky-so/v1");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Body.Contains("data-player", StringComparison.Ordinal), page.Body[Math.Max(0, page.Body.IndexOf("<main", StringComparison.Ordinal))..]);
        Assert.Matches("src=\"/_content/Learning.Media/lib/hls/hls\\.light[.a-z0-9]*\\.js\"", page.Body); // by its fingerprint
        Assert.Contains("id=\"hotlines\"", page.Body, StringComparison.Ordinal);
        var token = WatchToken(page.Body);
        Assert.NotEmpty(token);

        // The course's preview for its author shows the same player, without a watch token (nothing is recorded for them).
        using (var author = await site.SignedInAsync(TestSite.AdminEmail))
        {
            var preview = await author.GetAsync($"/Admin/Courses/Preview/{courseId}");
            Assert.Equal(HttpStatusCode.OK, preview.Status);
            Assert.Contains("data-player", preview.Body, StringComparison.Ordinal);
            Assert.Empty(WatchToken(preview.Body));
        }

        // "Ten hours watched" the moment the page opened: clamped to the video and to what could have been played (a few seconds).
        var (status, body) = await BeatAsync(cadre, token, [[0, 36000]], 5);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.InRange(body.GetProperty("watched").GetInt32(), 1, 10);

        clock.Advance(TimeSpan.FromSeconds(60));
        (_, body) = await BeatAsync(cadre, token, [[0, 60]], 60);
        Assert.Equal(60, body.GetProperty("watched").GetInt32());

        // Seeking ahead is allowed, but the skipped part never counts.
        clock.Advance(TimeSpan.FromSeconds(20));
        (_, body) = await BeatAsync(cadre, token, [[120, 130]], 130);
        Assert.Equal(70, body.GetProperty("watched").GetInt32());

        // Two tabs report at the same moment: both land, neither overwrites the other.
        clock.Advance(TimeSpan.FromSeconds(60));
        using var secondTab = site.CreateSiteClient();
        await secondTab.SignInAsync(NhaTrangCadre, "Hocvien2026x");
        await Task.WhenAll(BeatAsync(cadre, token, [[60, 90]], 90), BeatAsync(secondTab, token, [[90, 120]], 120));
        var record = await site.WithDbAsync(db => db.Set<WatchRecord>().AsNoTracking().SingleAsync(w => w.UserId == userId && w.VideoId == videoId));
        Assert.Equal(130, record.WatchedSeconds);
        Assert.Equal("0-130", record.Intervals);
        Assert.False(await LessonDoneAsync(site, userId, courseId));

        // Replaying what was seen adds nothing.
        clock.Advance(TimeSpan.FromSeconds(30));
        (_, body) = await BeatAsync(cadre, token, [[0, 50]], 50);
        Assert.Equal(130, body.GetProperty("watched").GetInt32());
        Assert.False(body.GetProperty("completed").GetBoolean());

        // Past 90% of unique seconds: the lesson completes, once.
        clock.Advance(TimeSpan.FromSeconds(30));
        (_, body) = await BeatAsync(cadre, token, [[130, 170]], 170);
        Assert.Equal(170, body.GetProperty("watched").GetInt32());
        Assert.True(body.GetProperty("completed").GetBoolean());
        Assert.True(await LessonDoneAsync(site, userId, courseId));
        var enrollment = await site.WithDbAsync(db => db.Set<Enrollment>().AsNoTracking().SingleAsync(e => e.UserId == userId && e.CourseId == courseId));
        Assert.NotNull(enrollment.CompletedUtc);

        // Resume where they stopped, on any device (a fresh sign-in here).
        using var phone = site.CreateSiteClient();
        await phone.SignInAsync(NhaTrangCadre, "Hocvien2026x");
        var again = await phone.GetAsync("/Courses/video-ky-so/v1");
        Assert.Contains("data-resume=\"170\"", again.Body, StringComparison.Ordinal);
        Assert.Contains("Đã xem đủ", again.Body, StringComparison.Ordinal);

        // A forged token, another learner's token, and a form post are all refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await BeatAsync(cadre, token[..^4] + "AAAA", [[0, 10]], 1)).Status);
        using var other = await site.SignedInAsync(await OtherNhaTrangCadreAsync(site));
        Assert.Equal(HttpStatusCode.Forbidden, (await BeatAsync(other, token, [[0, 10]], 1)).Status);
        using var form = new FormUrlEncodedContent([new("token", token)]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await cadre.Http.PostAsync("/media/watch", form)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task TwoWebNodes_HeartbeatsOfOneLearnerAtOnce_AllLand(DatabaseProvider provider)
    {
        var clock = new ManualClock();
        await using var nodeA = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var (videoId, _, courseId) = await VideoLessonAsync(nodeA);
        using var onA = await nodeA.SignedInAsync(NhaTrangCadre);
        var userId = await nodeA.WithDbAsync(db => db.Users.Where(u => u.Email == NhaTrangCadre).Select(u => u.Id).SingleAsync());
        var token = WatchToken((await onA.GetAsync("/Courses/video-ky-so/v1")).Body);
        clock.Advance(TimeSpan.FromMinutes(10));

        // A second node on the same database (its keys too): the same learner's heartbeats race on both.
        await using var nodeB = await TestSite.StartAsync(provider, setUp: false,
            settings: new() { ["Learning:Database:ConnectionString"] = nodeA.ConnectionString }, services: s => s.AddSingleton<TimeProvider>(clock));
        using var onB = nodeB.CreateSiteClient();
        Assert.Equal(HttpStatusCode.Redirect, await onB.SignInAsync(NhaTrangCadre, "Hocvien2026x"));

        var replies = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => BeatAsync(i % 2 == 0 ? onA : onB, token, [[i * 6, (i * 6) + 6]], (i * 6) + 6)));
        Assert.True(replies.All(r => r.Status == HttpStatusCode.OK),
            string.Join(", ", replies.Select(r => r.Status)) + Environment.NewLine + string.Join(Environment.NewLine, nodeA.ServerErrors.Concat(nodeB.ServerErrors)));
        var record = await nodeA.WithDbAsync(db => db.Set<WatchRecord>().AsNoTracking().SingleAsync(w => w.UserId == userId && w.VideoId == videoId));
        Assert.Equal("0-180", record.Intervals);
        Assert.NotNull(record.CompletedUtc);
        Assert.True(await LessonDoneAsync(nodeA, userId, courseId));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AForgedClaimRightAfterOpening_CannotCompleteTheLesson(DatabaseProvider provider)
    {
        var clock = new ManualClock();
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var (_, _, courseId) = await VideoLessonAsync(site);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var userId = await site.WithDbAsync(db => db.Users.Where(u => u.Email == NhaTrangCadre).Select(u => u.Id).SingleAsync());
        var token = WatchToken((await cadre.GetAsync("/Courses/video-ky-so/v1")).Body);

        clock.Advance(TimeSpan.FromSeconds(30));
        var (_, body) = await BeatAsync(cadre, token, [[0, 180]], 179);
        Assert.InRange(body.GetProperty("watched").GetInt32(), 60, 70);
        // Many requests at once cannot multiply the allowance either.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => BeatAsync(cadre, token, [[i * 20, 180]], 179)));
        var record = await site.WithDbAsync(db => db.Set<WatchRecord>().AsNoTracking().SingleAsync(w => w.UserId == userId));
        Assert.InRange(record.WatchedSeconds, 60, 70);
        Assert.False(await LessonDoneAsync(site, userId, courseId));

        // A learner of another commune is not enrolled: the lesson page is not theirs, and neither is the video.
        using var outsider = await site.SignedInAsync(HacThanhCadre);
        var outside = await outsider.GetAsync("/Courses/video-ky-so/v1");
        Assert.DoesNotContain("data-watch=", outside.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Captions_SrtBecomesWebVtt_AMalformedFileChangesNothing_AndHelpSearchJumpsToTheMoment(DatabaseProvider provider)
    {
        var storage = Directory.CreateTempSubdirectory("learning-media-").FullName;
        await using var site = await TestSite.StartAsync(provider, settings: new() { ["Learning:Media:StoragePath"] = storage });
        var (videoId, publicId, _) = await VideoLessonAsync(site);
        await site.WithDbAsync(db => db.Set<Video>().Where(v => v.Id == videoId).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsHelp, true)));
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);

        var srt = "1\n00:00:01,000 --> 00:00:04,500\nMở hồ sơ cần xử lý.\n\n2\n00:00:12,250 --> 00:00:16,000\nCắm USB ký số và chọn <b>Ký số</b>.\n\n3\n00:01:05,000 --> 00:01:09,000\nKiểm tra chữ ký trên văn bản.\n";
        var saved = await admin.PostFileAsync($"/Admin/Media/Video/{videoId}", "file", "ky-so.srt", System.Text.Encoding.UTF8.GetBytes(srt), $"/Admin/Media/Video/{videoId}?handler=Captions&language=vi");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var vtt = await File.ReadAllTextAsync(Path.Combine(storage, "videos", publicId, "captions", "vi.vtt"));
        Assert.StartsWith("WEBVTT", vtt, StringComparison.Ordinal);
        Assert.Contains("00:00:12.250 --> 00:00:16.000", vtt, StringComparison.Ordinal);
        Assert.Contains("Cắm USB ký số và chọn Ký số.", vtt, StringComparison.Ordinal);

        var malformed = "1\n00:00:01,000 --> 00:00:04,000\nDòng tốt.\n\n2\n00:00:xx --> 00:00:09,000\nDòng hỏng.\n";
        var refused = await admin.PostFileAsync($"/Admin/Media/Video/{videoId}", "file", "hong.srt", System.Text.Encoding.UTF8.GetBytes(malformed), $"/Admin/Media/Video/{videoId}?handler=Captions&language=vi");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("dòng 6", refused.Body, StringComparison.Ordinal);
        Assert.Equal(3, await site.WithDbAsync(db => db.Set<CaptionCue>().CountAsync(c => c.VideoId == videoId)));
        Assert.Equal(vtt, await File.ReadAllTextAsync(Path.Combine(storage, "videos", publicId, "captions", "vi.vtt")));

        // Search without diacritics finds the caption line and links to its moment.
        using var cadre = await site.SignedInAsync(HacThanhCadre);
        var help = await cadre.GetAsync("/Help?q=cam+usb+ky+so");
        Assert.Equal(HttpStatusCode.OK, help.Status);
        Assert.Contains($"/Help/{publicId}?t=12.25", help.Body, StringComparison.Ordinal);
        var byTitle = await cadre.GetAsync("/Help?q=mot+cua");
        Assert.Contains($"/Help/{publicId}", byTitle.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"no-results\"", (await cadre.GetAsync("/Help?q=khong+co+gi+ca")).Body, StringComparison.Ordinal);

        var watch = await cadre.GetAsync($"/Help/{publicId}?t=12.25");
        Assert.Contains("data-resume=\"12.25\"", watch.Body, StringComparison.Ordinal);
        Assert.Contains("srclang=\"vi\"", watch.Body, StringComparison.Ordinal);
        Assert.Contains("data-t=\"65\"", watch.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", watch.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Hotlines_ShowNationalAndOwnProvinceLines_WithTapToCall(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var before = await site.WithDbAsync(db => db.Set<Hotline>().CountAsync());
        Assert.True(before >= 10, "the setup recipe includes the support lines");
        var bad = await site.RunRecipeAsync("""
            { "name": "media-test", "steps": [ { "name": "hotlines", "hotlines": [
              { "key": "ok", "field": "land", "name": "Đất đai", "phone": "1900 0001" },
              { "key": "x", "field": "weather", "name": "Thời tiết", "phone": "1" } ] } ] }
            """);
        Assert.False(bad.Succeeded);
        Assert.Equal("$.steps[0].hotlines[1].field", bad.JsonPath);
        Assert.Equal(before, await site.WithDbAsync(db => db.Set<Hotline>().CountAsync()));
        Assert.False(await site.WithDbAsync(db => db.Set<Hotline>().AnyAsync(h => h.Key == "ok")));

        var result = await site.RunRecipeAsync("""
            { "name": "media-test", "steps": [ { "name": "hotlines", "hotlines": [
              { "key": "ca-ky-so", "field": "digital-signature", "name": "Ban Cơ yếu Chính phủ — hỗ trợ chữ ký số", "phone": "024 3773 8668", "email": "hotro@ca.gov.vn", "hours": "7:30–17:00" },
              { "key": "kh-ky-so", "field": "digital-signature", "name": "Sở KH&CN Khánh Hòa — chữ ký số", "unit": "KH", "phone": "0258 3822 000", "zalo": "0905 000 111" },
              { "key": "th-ky-so", "field": "digital-signature", "name": "Sở KH&CN Thanh Hóa — chữ ký số", "unit": "TH", "phone": "0237 3852 000" } ] } ] }
            """);
        Assert.True(result.Succeeded, result.Error);

        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var page = await cadre.GetAsync("/Hotlines");
        Assert.Contains("Ban Cơ yếu Chính phủ", page.Body, StringComparison.Ordinal);
        Assert.Contains("Sở KH&amp;CN Khánh Hòa", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Thanh Hóa", page.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:02583822000\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"https://zalo.me/0905000111\"", page.Body, StringComparison.Ordinal);

        // Beside a video of that field, too.
        await VideoLessonAsync(site);
        var lesson = await cadre.GetAsync("/Courses/video-ky-so/v1");
        Assert.Contains("Sở KH&amp;CN Khánh Hòa", lesson.Body, StringComparison.Ordinal);

        // Beside an article of a course in that field (public services), too.
        var article = await cadre.GetAsync("/Courses/dich-vu-cong-truc-tuyen/dich-vu-cong-truc-tuyen-m1-l1");
        Assert.Contains("href=\"tel:18001096\"", article.Body, StringComparison.Ordinal);

        // Cadres cannot manage videos or hotlines.
        await cadre.AssertForbiddenAsync("/Admin/Media");
        await cadre.AssertForbiddenAsync("/Admin/Media/Hotlines");

        // A trainer scoped to Khánh Hòa keeps Khánh Hòa's lines only: not Thanh Hóa's, not the national ones.
        var users = await site.RunRecipeAsync("""
            { "name": "media-test", "steps": [
              { "name": "users", "users": [ { "email": "giang.vien.kh@example.vn", "displayName": "Giảng viên Khánh Hòa", "roles": ["Trainer"] } ] },
              { "name": "scopes", "scopes": [ { "user": "giang.vien.kh@example.vn", "unit": "KH" } ] } ] }
            """);
        Assert.True(users.Succeeded, users.Error);
        using var trainer = await site.SignedInAsync("giang.vien.kh@example.vn");
        var thanhHoa = await site.WithDbAsync(db => db.Set<Hotline>().SingleAsync(h => h.Key == "th-ky-so"));
        var national = await site.WithDbAsync(db => db.Set<Hotline>().SingleAsync(h => h.Key == "ca-ky-so"));
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.PostFormAsync("/Admin/Media/Hotlines", [new("id", thanhHoa.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/Admin/Media/Hotlines?handler=Delete")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.PostFormAsync("/Admin/Media/Hotlines", [new("id", national.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/Admin/Media/Hotlines?handler=Delete")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.PostFormAsync("/Admin/Media/Hotlines", [new("field", "land"), new("name", "Đất đai TH"), new("unit", "TH"), new("phone", "0237 1")], "/Admin/Media/Hotlines?handler=Add")).Status);
        var refused = await trainer.PostFormAsync("/Admin/Media/Hotlines", [new("field", "land"), new("name", "Toàn quốc"), new("unit", ""), new("phone", "1900 1")], "/Admin/Media/Hotlines?handler=Add");
        Assert.Contains("phạm vi của bạn", refused.Body, StringComparison.Ordinal);
        var added = await trainer.PostFormAsync("/Admin/Media/Hotlines", [new("field", "land"), new("name", "Đất đai Nha Trang"), new("unit", "KH-NHATRANG"), new("phone", "0258 1")], "/Admin/Media/Hotlines?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        Assert.True(await site.WithDbAsync(db => db.Set<Hotline>().AnyAsync(h => h.Name == "Đất đai Nha Trang" && h.OrgName != null)));
        Assert.True(await site.WithDbAsync(db => db.Set<Hotline>().AnyAsync(h => h.Id == thanhHoa.Id)));
        Assert.True(await site.WithDbAsync(db => db.Set<Hotline>().AnyAsync(h => h.Id == national.Id)));
    }

    private static Task<bool> LessonDoneAsync(TestSite site, string userId, int courseId) =>
        site.WithDbAsync(db => db.Set<LessonProgress>().AnyAsync(p => p.UserId == userId && p.CourseId == courseId && p.LessonKey == "v1" && p.CompletedUtc != null));

    private static Task<string> OtherNhaTrangCadreAsync(TestSite site) =>
        site.WithDbAsync(db => db.Users.Where(u => u.Email!.EndsWith(".nhatrang@example.vn") && u.Email != NhaTrangCadre).Select(u => u.Email!).FirstAsync());

    [GeneratedRegex("data-watch=\"([^\"]*)\"")]
    private static partial Regex WatchPattern();
}
