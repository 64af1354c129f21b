using System.IO.Compression;
using System.Net;
using System.Text;
using Learning.Courses;
using Learning.Courses.Data;
using Learning.Data;
using Learning.Data.Entities;
using Learning.IntegrationTests.Infrastructure;
using Learning.Media.Data;
using Learning.Modularity;
using Learning.Organization.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Security;

/// <summary>The gaps of issue 8, each as the hostile trainer, manager or page would try it.</summary>
public sealed class AuthorizationGapTests
{
    private static readonly string[] AdministratorSteps = ["users", "roles", "scopes", "cadres", "organization", "cadreAccounts", "assignments", "hotlines", "helpVideos"];

    private const string ValidCourse = """{ "name": "courses", "courses": [ { "slug": "goi-hop-le", "title": "Gói hợp lệ", "publish": true, "modules": [ { "key": "m1", "title": "Chương", "lessons": [ { "key": "l1", "title": "Bài", "kind": "article", "markdown": "Nội dung" } ] } ] } ] }""";

    public static TheoryData<DatabaseProvider, string, string> HostilePackages()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        var cases = new (string Name, string Steps)[]
        {
            ("users", $$"""{{ValidCourse}}, { "name": "users", "users": [ { "email": "{{MatrixSite.TrainerEmail}}", "roles": ["Administrator"] } ] }"""),
            ("roles", $$"""{{ValidCourse}}, { "name": "roles", "roles": [ { "name": "Trainer", "permissions": ["Users.Manage", "Recipes.Run", "Admin.Access"] } ] }"""),
            ("scopes", $$"""{{ValidCourse}}, { "name": "scopes", "scopes": [ { "user": "{{MatrixSite.TrainerEmail}}", "unit": "TH" } ] }"""),
            ("settings", $$"""{{ValidCourse}}, { "name": "settings", "siteName": "Bị chiếm" }"""),
            ("cadres", $$"""{{ValidCourse}}, { "name": "cadres", "cadres": [ { "email": "gia@example.vn", "fullName": "Giả", "unit": "TH-HACTHANH-VP" } ] }"""),
            ("assignments", $$"""{{ValidCourse}}, { "name": "assignments", "assignments": [ { "course": "goi-hop-le", "target": "accountingOfficers" } ] }"""),
            ("recipes", $$"""{{ValidCourse}}, { "name": "recipes", "values": ["setup"] }"""),
            ("twice", $$"""{{ValidCourse}}, {{ValidCourse.Replace("goi-hop-le", "goi-thu-hai", StringComparison.Ordinal)}}"""),
        };
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            foreach (var (name, steps) in cases)
            {
                data.Add(provider, name, steps);
            }
        }

        return data;
    }

    /// <summary>Gap 1: a trainer's course package may carry course content only; anything else is refused, nothing changes.</summary>
    [Theory]
    [MemberData(nameof(HostilePackages))]
    public async Task CoursePackage_CarryingMoreThanCourseContent_IsRefused_AndChangesNothing(DatabaseProvider provider, string name, string steps)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);
        var before = await SnapshotAsync(site);

        var zip = Package($$"""{ "name": "goi-{{name}}", "steps": [ {{steps}} ] }""");
        var result = await trainer.PostFileAsync("/Admin/Courses/Import", "package", "goi.zip", zip);
        var bare = await trainer.PostFileAsync("/Admin/Courses/Import", "package", "goi.json", Encoding.UTF8.GetBytes($$"""{ "name": "goi-{{name}}", "steps": [ {{steps}} ] }"""));

        foreach (var response in new[] { result, bare })
        {
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Contains("alert-error", response.Body, StringComparison.Ordinal);
            Assert.Contains("không có gì thay đổi", response.Body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(before, await SnapshotAsync(site));
        Assert.False(await site.WithDbAsync(db => db.Set<Course>().AnyAsync(c => c.Slug == "goi-hop-le")));

        // The trainer is still a trainer: the administration of accounts stays closed to them.
        await trainer.AssertForbiddenAsync("/Admin/Users");
    }

    /// <summary>Gap 1: a file a package names must lie inside the package; a bare recipe file has no files at all.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CoursePackage_FileOutsideThePackage_IsRefused(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);
        foreach (var file in new[] { "../upload", "/etc/passwd", "../package-secret/x.pdf", "files/../../upload" })
        {
            var recipe = $$"""{ "name": "goi", "steps": [ { "name": "courses", "courses": [ { "slug": "goi-tep", "title": "Tệp", "modules": [ { "key": "m1", "title": "C", "lessons": [ { "key": "l1", "title": "T", "kind": "file", "file": "{{file}}" } ] } ] } ] } ] }""";
            var result = await trainer.PostFileAsync("/Admin/Courses/Import", "package", "goi.zip", Package(recipe));
            Assert.Contains("alert-error", result.Body, StringComparison.Ordinal);
            Assert.Contains(".lessons[0].file", result.Body, StringComparison.Ordinal);
        }

        Assert.False(await site.WithDbAsync(db => db.Set<Course>().AnyAsync(c => c.Slug == "goi-tep")));

        // A package of course content only still imports, as the trainer.
        var good = await trainer.PostFileAsync("/Admin/Courses/Import", "package", "goi.zip", Package($$"""{ "name": "goi", "steps": [ {{ValidCourse}} ] }"""));
        Assert.DoesNotContain("alert-error", good.Body, StringComparison.Ordinal);
        Assert.True(await site.WithDbAsync(db => db.Set<Course>().AnyAsync(c => c.Slug == "goi-hop-le")));
    }

    /// <summary>Gap 1: every step declares what it needs; a recipe run as a person refuses a step they lack, before anything runs.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Recipe_RunAsAPerson_ChecksEveryStep_TheSystemRunsAll(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        var trainer = await PrincipalAsync(site, MatrixSite.TrainerEmail);
        var json = $$"""{ "name": "hon-hop", "steps": [ {{ValidCourse}}, { "name": "settings", "siteName": "Tên mới" } ] }""";

        var asTrainer = await site.WithServiceAsync<IRecipeRunner, RecipeResult>(r => r.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), null, RecipeRunOptions.As(trainer)));
        Assert.False(asTrainer.Succeeded);
        Assert.Equal("settings", asTrainer.StepName);
        Assert.Equal("$.steps[1].name", asTrainer.JsonPath);
        Assert.False(await site.WithDbAsync(db => db.Set<Course>().AnyAsync(c => c.Slug == "goi-hop-le")));

        var courseOnly = await site.WithServiceAsync<IRecipeRunner, RecipeResult>(r => r.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "name": "k", "steps": [ {{ValidCourse}} ] }""")), null, RecipeRunOptions.As(trainer)));
        Assert.True(courseOnly.Succeeded, courseOnly.Error);

        var asSystem = await site.WithServiceAsync<IRecipeRunner, RecipeResult>(r => r.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), null, RecipeRunOptions.System));
        Assert.True(asSystem.Succeeded, asSystem.Error);

        // Every step handler either names a permission or is left to administrators; none is open to everyone.
        var handlers = await site.WithServiceAsync<IEnumerable<IRecipeStepHandler>, List<IRecipeStepHandler>>(h => Task.FromResult(h.ToList()));
        var known = site.Services.GetServices<IPermissionProvider>().SelectMany(p => p.GetPermissions()).Select(p => p.Name).ToHashSet();
        Assert.All(handlers.Where(h => h.Permission is not null), h => Assert.Contains(h.Permission!, known));
        Assert.All(AdministratorSteps, step => Assert.Null(handlers.Single(h => h.StepName == step).Permission));
    }

    /// <summary>Gap 1: a role or a role's permissions taken away stop working at the very next request, not after 30 minutes.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RoleChange_AndRolePermissionChange_TakeEffectAtTheNextRequest_ScopeChangeToo(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);
        using var manager = await site.SignedInAsync(MatrixSite.ManagerCommuneEmail);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        Assert.Equal(HttpStatusCode.OK, (await trainer.GetAsync("/Admin/Courses")).Status);

        // The administrator takes the Trainer role away: the trainer's old cookie is refused at once.
        var trainerId = await site.WithDbAsync(db => db.Users.Where(u => u.Email == MatrixSite.TrainerEmail).Select(u => u.Id).SingleAsync());
        var edit = $"/Admin/Users/Edit/{trainerId}";
        await admin.PostFormAsync(edit, [new("roles", "Cadre")], edit + "?handler=Roles");
        var after = await trainer.GetAsync("/Admin/Courses");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("/Account/Login", new Uri(new Uri("http://localhost"), after.Location).PathAndQuery, StringComparison.Ordinal);

        // A recipe that takes a permission from the Manager role: the signed-in manager loses it at the next request.
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/Admin/Organization/Cadres")).Status);
        var result = await site.RunRecipeAsync("""{ "name": "bot-quyen", "steps": [ { "name": "roles", "roles": [ { "name": "Manager", "permissions": ["Admin.Access", "Organization.View"] } ] } ] }""");
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.GetAsync("/Admin/Organization/Cadres")).Status);
        using var again = await site.SignedInAsync(MatrixSite.ManagerCommuneEmail);
        await again.AssertForbiddenAsync("/Admin/Organization/Cadres");

        // Scopes are read per request: removing a manager's scope hides its cadres at the next request.
        var cadreId = await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.Email == MatrixSite.CadreInEmail).Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Admin/Organization")).Status);
        Assert.Contains("Nha Trang", (await again.GetAsync("/Admin/Organization")).Body, StringComparison.Ordinal);
        await site.WithDbAsync(db => db.Set<ScopeAssignment>().Where(s => db.Users.Any(u => u.Id == s.UserId && u.Email == MatrixSite.ManagerCommuneEmail)).ExecuteDeleteAsync());
        Assert.DoesNotContain("Phòng Kinh tế", (await again.GetAsync("/Admin/Organization")).Body, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await again.GetAsync($"/Admin/Organization/Cadres/{cadreId}")).Status);
    }

    /// <summary>Gap 2: the assignment page of a scoped manager counts their own cadres only.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AssignPage_CountsOnlyTheCallersCadres(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        var fixtures = await MatrixSite.CreateFixturesAsync(site, "dem");
        var (all, nhaTrang) = await site.WithDbAsync(async db =>
        {
            var active = db.Set<Enrollment>().Where(e => e.CourseId == fixtures.CourseId && e.WithdrawnUtc == null);
            var inScope = db.Set<Cadre>().Where(c => c.OrgPath.StartsWith(db.Set<OrgUnit>().Single(u => u.Code == "KH-NHATRANG").Path)).Select(c => c.UserId);
            return (await active.CountAsync(), await active.CountAsync(e => inScope.Contains(e.UserId)));
        });
        Assert.True(all > nhaTrang && nhaTrang > 0, $"{all} enrolled, {nhaTrang} in Nha Trang");

        using var manager = await site.SignedInAsync(MatrixSite.ManagerCommuneEmail);
        var page = await manager.GetAsync($"/Admin/Courses/Assign/{fixtures.CourseId}");
        Assert.Contains($"id=\"stat-enrolled\">{nhaTrang}<", page.Body, StringComparison.Ordinal);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        Assert.Contains($"id=\"stat-enrolled\">{all}<", (await admin.GetAsync($"/Admin/Courses/Assign/{fixtures.CourseId}")).Body, StringComparison.Ordinal);
    }

    /// <summary>Gap 3: a file lesson, and a completion another module reports, pass the course's dates and prerequisite.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task FileLesson_BeforeOpening_AfterClosing_WithoutPrerequisite_IsRefused_AndNotCompleted(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var folder = Directory.CreateTempSubdirectory("learning-gate-").FullName;
        await File.WriteAllBytesAsync(Path.Combine(folder, "t.pdf"), "%PDF-1.4\n%%EOF\n"u8.ToArray());
        var future = DateTime.UtcNow.AddDays(10).ToString("O");
        var past = DateTime.UtcNow.AddDays(-1).ToString("O");
        string Course(string slug, string extra) => $$"""{ "slug": "{{slug}}", "title": "{{slug}}", "publish": true, {{extra}} "modules": [ { "key": "m1", "title": "C", "lessons": [ { "key": "tep", "title": "Tệp", "kind": "file", "file": "t.pdf" }, { "key": "doc", "title": "Đọc", "kind": "article", "markdown": "Nội dung" } ] } ] }""";
        await File.WriteAllTextAsync(Path.Combine(folder, "gate.recipe.json"), $$"""
            { "name": "gate", "steps": [ { "name": "courses", "courses": [
              {{Course("chua-mo", $"\"opens\": \"{future}\",")}},
              {{Course("da-dong", $"\"closes\": \"{past}\",")}},
              {{Course("can-tien-quyet", "\"prerequisite\": \"chu-ky-so-cong-vu\",")}} ] },
              { "name": "assignments", "assignments": [
                { "course": "chua-mo", "target": "cadre", "value": "{{MatrixSite.CadreEmail}}" },
                { "course": "da-dong", "target": "cadre", "value": "{{MatrixSite.CadreEmail}}" },
                { "course": "can-tien-quyet", "target": "cadre", "value": "{{MatrixSite.CadreEmail}}" } ] } ] }
            """);
        var run = await site.WithServiceAsync<IRecipeRunner, RecipeResult>(r => r.RunFileAsync(Path.Combine(folder, "gate.recipe.json"), RecipeRunOptions.System));
        Assert.True(run.Succeeded, run.Error + run.JsonPath);
        Directory.Delete(folder, recursive: true);

        using var cadre = await site.SignedInAsync(MatrixSite.CadreEmail);
        var userId = await site.WithDbAsync(db => db.Users.Where(u => u.Email == MatrixSite.CadreEmail).Select(u => u.Id).SingleAsync());
        foreach (var slug in new[] { "chua-mo", "da-dong", "can-tien-quyet" })
        {
            Assert.True(await site.WithDbAsync(db => db.Set<Enrollment>().AnyAsync(e => e.UserId == userId && db.Set<Course>().Any(c => c.Id == e.CourseId && c.Slug == slug))), slug + " enrolled");
            var file = await cadre.GetAsync($"/Courses/{slug}/tep/file");
            Assert.Equal(HttpStatusCode.Redirect, file.Status);
            Assert.Contains("/Account/AccessDenied", file.Location, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await cadre.GetAsync($"/Courses/{slug}/tep")).Status); // the lesson page sends them to the course

            var courseId = await site.WithDbAsync(db => db.Set<Course>().Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());
            Assert.False(await site.WithServiceAsync<ILessonCompletionReporter, bool>(r => r.ReportCompletedAsync(userId, courseId, "doc", "video")), slug + ": a reported completion passes the same gate");
        }

        Assert.Equal(0, await site.WithDbAsync(db => db.Set<LessonProgress>().CountAsync(p => p.UserId == userId && p.CompletedUtc != null)));
    }

    /// <summary>Gap 8: opening an article or downloading a file from another site's link shows it but completes nothing;
    /// "mark as done" completes only what a person completes by reading.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CrossSiteGet_CompletesNothing_SameOriginDoes(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var fixtures = await MatrixSite.CreateFixturesAsync(site, "xs");
        await site.SetPasswordAsync(MatrixSite.CadreEmail, "Hocvien2026x");
        using var crossSite = site.CreateSiteClient("cross-site");
        Assert.Equal(HttpStatusCode.Redirect, await crossSite.SignInAsync(MatrixSite.CadreEmail, "Hocvien2026x"));
        using var bare = site.CreateSiteClient("");
        bare.Http.DefaultRequestHeaders.Remove("Sec-Fetch-Site");
        Assert.Equal(HttpStatusCode.Redirect, await bare.SignInAsync(MatrixSite.CadreEmail, "Hocvien2026x"));
        var userId = await site.WithDbAsync(db => db.Users.Where(u => u.Email == MatrixSite.CadreEmail).Select(u => u.Id).SingleAsync());
        Task<int> Completed() => site.WithDbAsync(db => db.Set<LessonProgress>().CountAsync(p => p.UserId == userId && p.CourseId == fixtures.CourseId && p.CompletedUtc != null));

        var article = await crossSite.GetAsync($"/Courses/{fixtures.CourseSlug}/{fixtures.ArticleKey}");
        Assert.Equal(HttpStatusCode.OK, article.Status);
        Assert.Contains("id=\"mark-done\"", article.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await crossSite.GetAsync($"/Courses/{fixtures.CourseSlug}/{fixtures.FileKey}/file")).Status);
        Assert.Equal(HttpStatusCode.OK, (await bare.GetAsync($"/Courses/{fixtures.CourseSlug}/{fixtures.FileKey}/file")).Status);
        Assert.Equal(0, await Completed());

        // A bookmark or a typed address ("none"), or a link on an older browser with a same-site Referer, completes.
        bare.Http.DefaultRequestHeaders.Referrer = new Uri("http://localhost/Courses/" + fixtures.CourseSlug);
        Assert.Equal(HttpStatusCode.OK, (await bare.GetAsync($"/Courses/{fixtures.CourseSlug}/{fixtures.FileKey}/file")).Status);
        Assert.Equal(1, await Completed());
        using var cadre = site.CreateSiteClient("none");
        Assert.Equal(HttpStatusCode.Redirect, await cadre.SignInAsync(MatrixSite.CadreEmail, "Hocvien2026x"));
        await cadre.GetAsync($"/Courses/{fixtures.CourseSlug}/{fixtures.ArticleKey}");
        Assert.Equal(2, await Completed());

        // "Mark as done" is for reading; a file, video or quiz lesson is not completed by it.
        var done = await cadre.PostFormAsync("/Account/Logout", [], $"/Courses/{fixtures.CourseSlug}/{fixtures.FileKey}?handler=Done");
        Assert.NotEqual(HttpStatusCode.Redirect, done.Status);
    }

    /// <summary>Gap 5: a CSV import neither says where an address lives nor links a cadre to a staff account.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CadreImport_RefusesOutsideAndStaffAddresses_WithOneMessage_AndLinksNothing(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        using var manager = await site.SignedInAsync(MatrixSite.ManagerCommuneEmail);
        const string header = "email,fullName,position,unitCode,phone,joinedOn,transferredFrom,accountingOfficer\n";

        var outside = await site.ImportCadresAsync(manager, "a.csv", Encoding.UTF8.GetBytes(header + $"{MatrixSite.CadreOutEmail},Tên,Chức vụ,KH-NHATRANG-VP,,,,\n"));
        var staff = await site.ImportCadresAsync(manager, "b.csv", Encoding.UTF8.GetBytes(header + $"{TestSite.AdminEmail},Tên,Chức vụ,KH-NHATRANG-VP,,,,\n"));
        var province = await site.ImportCadresAsync(manager, "c.csv", Encoding.UTF8.GetBytes(header + $"{MatrixSite.ManagerProvinceEmail},Tên,Chức vụ,KH-NHATRANG-VP,,,,\n"));

        string Message(string body, string email) => System.Text.RegularExpressions.Regex.Match(body, "<td[^>]*>([^<]*" + System.Text.RegularExpressions.Regex.Escape(email) + "[^<]*)</td>").Groups[1].Value;
        var messages = new[] { Message(outside.Body, MatrixSite.CadreOutEmail).Replace(MatrixSite.CadreOutEmail, "@", StringComparison.Ordinal), Message(staff.Body, TestSite.AdminEmail).Replace(TestSite.AdminEmail, "@", StringComparison.Ordinal), Message(province.Body, MatrixSite.ManagerProvinceEmail).Replace(MatrixSite.ManagerProvinceEmail, "@", StringComparison.Ordinal) };
        Assert.All(messages, m => Assert.False(string.IsNullOrEmpty(m)));
        Assert.Single(messages.Distinct());
        foreach (var body in new[] { outside.Body, staff.Body, province.Body })
        {
            Assert.DoesNotContain("Thanh Hóa", body, StringComparison.Ordinal);
            Assert.DoesNotContain("TH-HACTHANH", body, StringComparison.Ordinal);
            Assert.DoesNotContain("ngoài phạm vi", body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.False(await site.WithDbAsync(db => db.Set<Cadre>().AnyAsync(c => c.Email == TestSite.AdminEmail || c.Email == MatrixSite.ManagerProvinceEmail)));
        Assert.Equal("TH", await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.Email == MatrixSite.CadreOutEmail).Select(c => c.Unit!.Code.Substring(0, 2)).SingleAsync()));
    }

    /// <summary>Gap 6: the caption language reaches a path only after it is checked, and storage refuses any path outside the video.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task DeleteCaptions_WithATraversingLanguage_DeletesNothing(DatabaseProvider provider)
    {
        var media = Directory.CreateTempSubdirectory("learning-media-").FullName;
        await using var site = await TestSite.StartAsync(provider, settings: new() { ["Learning:Media:StoragePath"] = media });
        var fixtures = await MatrixSite.CreateFixturesAsync(site, "cap");
        var victim = Path.Combine(media, "videos", "nan-nhan.vtt");
        await File.WriteAllTextAsync(victim, "WEBVTT\n");
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        foreach (var language in new[] { "../../nan-nhan", "../nan-nhan", "..", "vi/../../../nan-nhan", "" })
        {
            var page = $"/Admin/Media/Video/{fixtures.VideoId}";
            var result = await admin.PostFormAsync(page, [new("language", language)], page + "?handler=DeleteCaptions");
            Assert.Equal(HttpStatusCode.NotFound, result.Status);
        }

        Assert.True(File.Exists(victim));
        var storage = site.Services.GetRequiredService<Learning.Media.Services.MediaStorage>();
        Assert.Throws<ArgumentException>(() => storage.CaptionPath(fixtures.VideoPublicId, "../../nan-nhan"));
        Assert.Throws<ArgumentException>(() => storage.CaptionPath("../../videos", "vi"));
        Assert.Throws<ArgumentException>(() => Learning.Media.Services.MediaStorage.Inside(storage.VideoFolder(fixtures.VideoPublicId), "../other/x"));
        Assert.StartsWith(storage.VideoFolder(fixtures.VideoPublicId), storage.CaptionPath(fixtures.VideoPublicId, "vi"), StringComparison.Ordinal);
        Directory.Delete(media, recursive: true);
    }

    /// <summary>Gap 7: a custom role with a module's permission but without Admin.Access reaches no administration endpoint.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CustomRoleWithoutAdminAccess_ReachesNoAdministrationEndpoint(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var fixtures = await MatrixSite.CreateFixturesAsync(site, "tuy");
        var result = await site.RunRecipeAsync("""
            { "name": "vai-tro-rieng", "steps": [
              { "name": "roles", "roles": [ { "name": "Biên tập viên", "permissions": ["Courses.Learn", "Courses.Author", "Media.Manage", "Organization.Export"] } ] },
              { "name": "users", "users": [ { "email": "btv@example.vn", "roles": ["Biên tập viên"] } ] } ] }
            """);
        Assert.True(result.Succeeded, result.Error);
        using var editor = await site.SignedInAsync("btv@example.vn");
        var token = await editor.TokenAsync("/Account/Logout");
        foreach (var (method, url) in new[]
                 {
                     ("GET", $"/Admin/Courses/{fixtures.CourseId}/export.zip"), ("GET", "/Admin/Organization/export.recipe.json"),
                     ("GET", $"/media/videos/{fixtures.VideoPublicId}/status"), ("POST", "/media/uploads"), ("GET", "/Admin/Courses"),
                 })
        {
            var (status, _, location) = await MatrixSite.SendAsync(editor, method, url, token);
            Assert.True(MatrixSite.Classify(status, location) == 'F', $"{method} {url}: {(int)status} {location}");
        }

        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"/Courses/{fixtures.CourseSlug}")).Status);
    }

    /// <summary>Gap 9: behind the reverse-proxy setting, X-Forwarded-For is believed only from a configured proxy.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, false)]
    [InlineData(DatabaseProvider.Sqlite, true)]
    [InlineData(DatabaseProvider.PostgreSql, false)]
    public async Task ForgedForwardedFor_DoesNotEscapeTheLoginRateLimit(DatabaseProvider provider, bool throughKnownProxy)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Learning:ReverseProxy:Enabled"] = "true",
            ["Learning:Security:LoginAttemptsPerMinute"] = "3",
        };
        if (throughKnownProxy)
        {
            settings["Learning:ReverseProxy:KnownProxies:0"] = "203.0.113.7";
        }

        // Every request reaches the node from 203.0.113.7: a client outside, unless that address is the configured proxy.
        await using var site = await TestSite.StartAsync(provider, settings: settings, services: s => s.AddSingleton<IStartupFilter, FixedRemoteAddress>());
        using var client = site.CreateSiteClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            client.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            statuses.Add(await client.SignInAsync("khong-co@example.vn", "Whatever2026x"));
        }

        // Through the configured proxy each forwarded address has its own limit; from anywhere else they share the sender's.
        Assert.Equal(throughKnownProxy ? 0 : 2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    /// <summary>Gap 10: Users.Manage does not make an administrator: only one grants Administrator or edits one's account.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task UsersManage_CannotGrantAdministrator_NorTakeOverAnAdministratorsAccount(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var result = await site.RunRecipeAsync("""
            { "name": "nhan-su", "steps": [
              { "name": "roles", "roles": [ { "name": "Nhân sự", "permissions": ["Admin.Access", "Users.Manage"] } ] },
              { "name": "users", "users": [ { "email": "nhansu@example.vn", "roles": ["Nhân sự"] } ] } ] }
            """);
        Assert.True(result.Succeeded, result.Error);
        using var hr = await site.SignedInAsync("nhansu@example.vn");
        var (hrId, adminId, cadreId) = await site.WithDbAsync(async db => (
            await db.Users.Where(u => u.Email == "nhansu@example.vn").Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.Email == TestSite.AdminEmail).Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.Email == MatrixSite.CadreInEmail).Select(u => u.Id).SingleAsync()));

        var note = await hr.GetAsync("/Admin/Users/Create");
        Assert.Contains("id=\"admin-only-note\"", note.Body, StringComparison.Ordinal);
        var create = await hr.PostFormAsync("/Admin/Users/Create", [new("email", "moi@example.vn"), new("displayName", "Mới"), new("password", "Matkhau2026x"), new("roles", "Administrator")]);
        Assert.Equal(HttpStatusCode.Forbidden, create.Status);
        Assert.False(await site.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "moi@example.vn")));

        foreach (var target in new[] { hrId, cadreId })
        {
            var edit = $"/Admin/Users/Edit/{target}";
            Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostFormAsync(edit, [new("roles", "Administrator")], edit + "?handler=Roles")).Status);
        }

        var adminPage = $"/Admin/Users/Edit/{adminId}";
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostFormAsync(adminPage, [new("password", "Chiemquyen2026x")], adminPage + "?handler=Password")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostFormAsync(adminPage, [new("roles", "Cadre")], adminPage + "?handler=Roles")).Status);
        Assert.Equal(0, await site.WithDbAsync(db => db.UserRoles.CountAsync(r => r.UserId != adminId && db.Roles.Any(x => x.Id == r.RoleId && x.Name == LearningRoles.Administrator))));
        using var admin = await site.SignedInAsync(TestSite.AdminEmail); // the administrator's password still works

        // What Users.Manage is for still works: granting Trainer to a cadre.
        var cadrePage = $"/Admin/Users/Edit/{cadreId}";
        var trainer = await hr.PostFormAsync(cadrePage, [new("roles", "Cadre"), new("roles", "Trainer")], cadrePage + "?handler=Roles");
        Assert.Equal(HttpStatusCode.OK, trainer.Status);
        Assert.True(await site.WithDbAsync(db => db.UserRoles.AnyAsync(r => r.UserId == cadreId && db.Roles.Any(x => x.Id == r.RoleId && x.Name == LearningRoles.Trainer))));
    }

    private sealed class FixedRemoteAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static byte[] Package(string recipe)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("recipe.json").Open(), Encoding.UTF8);
            writer.Write(recipe);
        }

        return buffer.ToArray();
    }

    private static Task<string> SnapshotAsync(TestSite site) => site.WithDbAsync(async db =>
        string.Join("|",
            await db.Set<Course>().CountAsync(),
            await db.Set<CourseAssignment>().CountAsync(),
            await db.Users.CountAsync(),
            await db.UserRoles.CountAsync(),
            await db.RoleClaims.CountAsync(),
            await db.Set<ScopeAssignment>().CountAsync(),
            await db.Set<Cadre>().CountAsync(),
            await db.Set<SiteSettings>().Select(s => s.SiteName).FirstOrDefaultAsync()));

    private static async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(TestSite site, string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LearningUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<LearningUser>>();
        return await factory.CreateAsync((await users.FindByEmailAsync(email))!);
    }
}
