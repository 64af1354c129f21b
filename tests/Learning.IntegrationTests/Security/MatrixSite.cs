using System.Net;
using System.Net.Http.Headers;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.IntegrationTests.Infrastructure;
using Learning.Media.Data;
using Learning.Modularity;
using Learning.Organization.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Security;

/// <summary>The roles the matrix walks, in the order of the table's columns.</summary>
public enum MatrixRole
{
    Anonymous,
    Cadre,
    Trainer,
    ManagerProvince,
    ManagerCommune,
    Administrator,
}

/// <summary>One page handler or endpoint: its method, its route pattern and (for Razor pages) its named handler.</summary>
public sealed record RouteKey(string Method, string Pattern, string? Handler)
{
    public override string ToString() => $"{Method} /{Pattern.TrimStart('/')}{(Handler is null ? "" : " ?handler=" + Handler)}";
}

/// <summary>
/// The objects a role's requests name, made fresh for each role (so what one role may change cannot decide another's outcome).
/// "In" objects lie in commune B (Nha Trang, in province A, Khánh Hòa), inside every scoped role's scope; "out" objects lie in
/// province C (Thanh Hóa), outside all of them. Drafts carry a marker only authors may ever see.
/// </summary>
public sealed record MatrixFixtures(
    int CadreIn,
    int CadreOut,
    string TargetUserId,
    int CourseId,
    string CourseSlug,
    string ArticleKey,
    string FileKey,
    int DraftCourseId,
    string DraftSlug,
    int DraftLessonId,
    string DraftMarker,
    string PublishedImage,
    string DraftImage,
    int HotlineIn,
    int HotlineOut,
    int VideoId,
    string VideoPublicId,
    string PathSlug,
    int QuestionId);

/// <summary>Sets up the people and objects of the authorization matrix on a site, and discovers what the host maps.</summary>
public static class MatrixSite
{
    public const string CadreEmail = "nguyen.thi.ngoc.diep.nhatrang@example.vn";
    public const string TrainerEmail = "gv.nhatrang@example.vn";
    public const string ManagerProvinceEmail = "ql.khanhhoa@example.vn";
    public const string ManagerCommuneEmail = "ql.nhatrang@example.vn";
    public const string CadreInEmail = "tran.huu.luc.nhatrang@example.vn";
    public const string CadreOutEmail = "le.van.thang.hacthanh@example.vn";
    public const string OutsideHotlineMarker = "Đường dây ngoài phạm vi";

    /// <summary>What a scoped role must never see in any response body: a cadre of Thanh Hóa, their unit, their line.</summary>
    public static readonly string[] OutOfScopeMarkers = [CadreOutEmail, "Lê Văn Thắng", "TH-HACTHANH", OutsideHotlineMarker];

    public static async Task CreateStaffAsync(TestSite site)
    {
        var result = await site.RunRecipeAsync($$"""
            { "name": "matrix-staff", "steps": [
              { "name": "users", "users": [
                { "email": "{{TrainerEmail}}", "displayName": "Giảng viên Nha Trang", "roles": ["Trainer"] },
                { "email": "{{ManagerProvinceEmail}}", "displayName": "Quản lý Khánh Hòa", "roles": ["Manager"] },
                { "email": "{{ManagerCommuneEmail}}", "displayName": "Quản lý Nha Trang", "roles": ["Manager"] } ] },
              { "name": "scopes", "scopes": [
                { "user": "{{TrainerEmail}}", "unit": "KH-NHATRANG" },
                { "user": "{{ManagerProvinceEmail}}", "unit": "KH" },
                { "user": "{{ManagerCommuneEmail}}", "unit": "KH-NHATRANG" } ] } ] }
            """);
        Assert.True(result.Succeeded, result.Error);
    }

    public static string EmailOf(MatrixRole role) => role switch
    {
        MatrixRole.Cadre => CadreEmail,
        MatrixRole.Trainer => TrainerEmail,
        MatrixRole.ManagerProvince => ManagerProvinceEmail,
        MatrixRole.ManagerCommune => ManagerCommuneEmail,
        MatrixRole.Administrator => TestSite.AdminEmail,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static async Task<SiteClient> ClientAsync(TestSite site, MatrixRole role) =>
        role == MatrixRole.Anonymous ? site.CreateSiteClient() : await site.SignedInAsync(EmailOf(role));

    /// <summary>Fresh objects for one role: a published course (article and file lessons, an image), a draft course with its
    /// own image and marker, assignments inside and outside the scope, two hotlines, a help video and an account to edit.</summary>
    public static async Task<MatrixFixtures> CreateFixturesAsync(TestSite site, string tag)
    {
        var folder = Directory.CreateTempSubdirectory("learning-matrix-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "tai-lieu.pdf"), System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% matrix " + tag + "\n%%EOF\n"));
            var published = await StoreImageAsync(site, tag + "-published");
            var draftImage = await StoreImageAsync(site, tag + "-draft");
            var marker = "NHAPMAT" + tag.ToUpperInvariant();
            var recipe = $$"""
                { "name": "matrix-{{tag}}", "steps": [
                  { "name": "courses", "courses": [
                    { "slug": "ma-tran-{{tag}}", "title": "Khóa ma trận {{tag}}", "summary": "Kiểm thử phân quyền", "publish": true, "selfEnrol": true,
                      "modules": [ { "key": "m1", "title": "Chương 1", "lessons": [
                        { "key": "bai-doc", "title": "Bài đọc", "kind": "article", "markdown": "Nội dung ![ảnh](/course-files/{{published}})" },
                        { "key": "tep", "title": "Tệp", "kind": "file", "file": "tai-lieu.pdf", "fileName": "Tài liệu.pdf" } ] } ] },
                    { "slug": "nhap-{{tag}}", "title": "Khóa {{marker}}", "summary": "{{marker}}", "publish": false,
                      "modules": [ { "key": "m1", "title": "Chương {{marker}}", "lessons": [
                        { "key": "l1", "title": "Bài {{marker}}", "kind": "article", "markdown": "![ảnh](/course-files/{{draftImage}}) {{marker}}" } ] } ] } ] },
                  { "name": "assignments", "assignments": [
                    { "course": "ma-tran-{{tag}}", "target": "unit", "value": "KH-NHATRANG" },
                    { "course": "ma-tran-{{tag}}", "target": "unit", "value": "TH-HACTHANH" },
                    { "course": "ma-tran-{{tag}}", "target": "cadre", "value": "{{CadreOutEmail}}" } ] },
                  { "name": "hotlines", "hotlines": [
                    { "key": "in-{{tag}}", "field": "it", "name": "Đường dây Nha Trang {{tag}}", "phone": "0258 381 0000", "unit": "KH-NHATRANG" },
                    { "key": "out-{{tag}}", "field": "it", "name": "{{OutsideHotlineMarker}} {{tag}}", "phone": "0237 385 0000", "unit": "TH" } ] },
                  { "name": "users", "users": [ { "email": "muc-tieu-{{tag}}@example.vn", "displayName": "Tài khoản mục tiêu", "roles": ["Cadre"] } ] } ] }
                """;
            await File.WriteAllTextAsync(Path.Combine(folder, "matrix.recipe.json"), recipe);
            var result = await site.WithServiceAsync<IRecipeRunner, RecipeResult>(r => r.RunFileAsync(Path.Combine(folder, "matrix.recipe.json"), RecipeRunOptions.System));
            Assert.True(result.Succeeded, $"{result.Error} {result.JsonPath}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return await site.WithDbAsync(async db =>
        {
            var course = await db.Set<Course>().SingleAsync(c => c.Slug == "ma-tran-" + tag);
            var draft = await db.Set<Course>().SingleAsync(c => c.Slug == "nhap-" + tag);
            var video = new Video
            {
                PublicId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)),
                Title = "Video ma trận " + tag,
                Field = "it",
                IsHelp = true,
                State = VideoState.Ready,
                SourceFileName = "clip.mp4",
                SourceExtension = ".mp4",
                CreatedBy = TestSite.AdminEmail,
                CreatedUtc = DateTime.UtcNow,
                ReadyUtc = DateTime.UtcNow,
            };
            db.Add(video);
            await db.SaveChangesAsync();
            return new MatrixFixtures(
                CadreIn: await db.Set<Cadre>().Where(c => c.Email == CadreInEmail).Select(c => c.Id).SingleAsync(),
                CadreOut: await db.Set<Cadre>().Where(c => c.Email == CadreOutEmail).Select(c => c.Id).SingleAsync(),
                TargetUserId: await db.Users.Where(u => u.Email == $"muc-tieu-{tag}@example.vn").Select(u => u.Id).SingleAsync(),
                CourseId: course.Id,
                CourseSlug: course.Slug,
                ArticleKey: "bai-doc",
                FileKey: "tep",
                DraftCourseId: draft.Id,
                DraftSlug: draft.Slug,
                DraftLessonId: await db.Set<Lesson>().Where(l => l.CourseId == draft.Id).Select(l => l.Id).SingleAsync(),
                DraftMarker: "NHAPMAT" + tag.ToUpperInvariant(),
                PublishedImage: (await StoredNamesAsync(db, course.Id)).Single(),
                DraftImage: (await StoredNamesAsync(db, draft.Id)).Single(),
                HotlineIn: await db.Set<Hotline>().Where(h => h.Key == "in-" + tag).Select(h => h.Id).SingleAsync(),
                HotlineOut: await db.Set<Hotline>().Where(h => h.Key == "out-" + tag).Select(h => h.Id).SingleAsync(),
                VideoId: video.Id,
                VideoPublicId: video.PublicId,
                PathSlug: "san-sang-ky-so",
                QuestionId: await db.Set<Learning.Quizzes.Data.Question>().OrderBy(q => q.Id).Select(q => q.Id).FirstAsync());
        });
    }

    private static async Task<List<string>> StoredNamesAsync(Learning.Data.LearningDbContext db, int courseId)
    {
        var markdown = await db.Set<Lesson>().Where(l => l.CourseId == courseId && l.Kind == "article").Select(l => l.Markdown).ToListAsync();
        return markdown.SelectMany(m => System.Text.RegularExpressions.Regex.Matches(m, @"/course-files/([0-9a-f]+\.png)").Select(x => x.Groups[1].Value)).ToList();
    }

    private static async Task<string> StoreImageAsync(TestSite site, string seed)
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.Concat(System.Text.Encoding.ASCII.GetBytes(seed + Guid.NewGuid())).ToArray();
        var stored = await site.WithServiceAsync<CourseFiles, (string StoredName, string ContentType)?>(f => f.StoreAsync(new MemoryStream(bytes), "anh.png", imagesOnly: true, CancellationToken.None));
        return stored!.Value.StoredName;
    }

    /// <summary>
    /// Every page handler and every endpoint the running host maps, read from its endpoint data sources (Razor pages through
    /// the page loader, so each named handler is its own row). Static web assets (CSS, JS, fonts) are listed apart.
    /// </summary>
    public static async Task<(List<RouteKey> Routes, List<string> StaticAssets)> DiscoverAsync(TestSite site)
    {
        var source = site.Services.GetRequiredService<EndpointDataSource>();
        var loader = site.Services.GetRequiredService<PageLoader>();
        var routes = new HashSet<RouteKey>();
        var assets = new List<string>();
        var pages = new Dictionary<string, (string Pattern, RouteEndpoint Endpoint, PageActionDescriptor Page)>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // An Index page answers at "/X" and "/X/Index": one row, under the shorter pattern.
                if (!pages.TryGetValue(page.ViewEnginePath, out var seen) || pattern.Length < seen.Pattern.Length)
                {
                    pages[page.ViewEnginePath] = (pattern, endpoint, page);
                }
            }
            else if (endpoint.Metadata.Any(m => m.GetType().Name.StartsWith("StaticAsset", StringComparison.Ordinal)))
            {
                assets.Add(pattern);
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                {
                    routes.Add(new RouteKey(method, pattern, null));
                }
            }
        }

        foreach (var (pattern, endpoint, page) in pages.Values)
        {
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            if (compiled.HandlerMethods.Count == 0)
            {
                routes.Add(new RouteKey("GET", pattern, null));
            }

            foreach (var handler in compiled.HandlerMethods)
            {
                routes.Add(new RouteKey(handler.HttpMethod.ToUpperInvariant(), pattern, handler.Name));
            }
        }

        return (routes.OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Handler, StringComparer.Ordinal).ToList(), assets);
    }

    /// <summary>The outcome of a request as the table writes it.</summary>
    public static char Classify(HttpStatusCode status, string? location)
    {
        var path = location is null ? "" : new Uri(new Uri("http://localhost"), location).AbsolutePath;
        return status switch
        {
            HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther when path.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase) => 'L',
            HttpStatusCode.Unauthorized => 'L',
            HttpStatusCode.Redirect when path.StartsWith("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) => 'F',
            HttpStatusCode.Forbidden => 'F',
            HttpStatusCode.NotFound => 'N',
            >= HttpStatusCode.InternalServerError => 'E',
            _ => 'A',
        };
    }

    /// <summary>Sends one request of the matrix: GETs as they are, state changes with the antiforgery token (form and header).</summary>
    public static async Task<(HttpStatusCode Status, string Body, string? Location)> SendAsync(SiteClient client, string method, string url, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "DELETE" or "PATCH")
        {
            var json = url.StartsWith("/media/", StringComparison.Ordinal) || url.StartsWith("/api/", StringComparison.Ordinal);
            if (json)
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }
            else
            {
                var fields = new List<KeyValuePair<string, string>>();
                if (token is not null)
                {
                    fields.Add(new("__RequestVerificationToken", token));
                }

                request.Content = new FormUrlEncodedContent(fields);
            }

            if (token is not null)
            {
                request.Headers.Add("RequestVerificationToken", token);
            }
        }

        using var response = await client.Http.SendAsync(request);
        var location = response.Headers.Location?.OriginalString;
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), location);
    }

    public static MediaTypeHeaderValue Json => new("application/json");
}
