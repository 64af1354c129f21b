using Learning.Modularity;
using System.IO.Compression;
using System.Net;
using System.Text;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;

namespace Learning.IntegrationTests.Courses;

public sealed class AuthoringTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Publish_EmptyModule_IsRefusedWithMessage_AndNothingIsPublished(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);

        var created = await admin.PostFormAsync("/Admin/Courses", [new("title", "Kỹ năng số cơ bản")], "/Admin/Courses?handler=Create");
        var edit = created.Location!;
        await admin.PostFormAsync(edit, [new("title", "Chương 1")], edit + "?handler=AddModule");

        var publish = await admin.PostFormAsync(edit, [], edit + "?handler=Publish");

        Assert.Contains("Chưa xuất bản được", publish.Body, StringComparison.Ordinal);
        Assert.Contains("Chương 1", publish.Body, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<CourseVersion>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Markdown_ScriptAndJavascriptLinks_RenderInertOnTheLessonPage(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        const string recipe = """
        { "name": "xss", "steps": [ { "name": "courses", "courses": [ { "slug": "an-toan", "title": "An toàn", "publish": true, "modules": [
          { "key": "m1", "title": "Chương", "lessons": [ { "key": "l1", "title": "Bài", "kind": "article",
            "markdown": "Xin chào <script>alert('x')</script> [bấm vào](javascript:alert(1)) <img src=x onerror=alert(2)>" } ] } ] } ] } ] }
        """;
        var result = await site.RunRecipeAsync(recipe);
        Assert.True(result.Succeeded, result.Error);

        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        await admin.PostFormAsync("/Courses/an-toan", [], "/Courses/an-toan?handler=Enrol");
        var page = await admin.GetAsync("/Courses/an-toan/l1");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var body = page.Body[page.Body.IndexOf("class=\"prose\"", StringComparison.Ordinal)..];
        Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", body, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 10: a lesson kind whose module is not there (quiz, with the quizzes module switched off) is not offered in the
    /// editor, and a recipe's lesson of that kind is skipped and said so; with the module installed, as shipped, it is offered.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task LessonKinds_WithoutTheirModule_AreNotOffered(DatabaseProvider provider)
    {
        await using (var shipped = await TestSite.StartAsync(provider))
        {
            using var shippedAdmin = await shipped.SignedInAsync(TestSite.AdminEmail);
            var shippedCourse = await shipped.WithDbAsync(db => db.Set<Course>().Select(c => c.Id).FirstAsync());
            var shippedEditor = await shippedAdmin.GetAsync($"/Admin/Courses/Edit/{shippedCourse}");
            Assert.Contains("<option value=\"quiz\">", shippedEditor.Body, StringComparison.Ordinal);
        }

        await using var site = await TestSite.StartAsync(provider, recipe: null, settings: new() { ["Learning:Modules:Disabled"] = "Learning.Quizzes" });
        var made = await site.RunRecipeAsync("""
            { "name": "bai-doc", "steps": [ { "name": "courses", "courses": [ { "slug": "co-bai-doc", "title": "Có bài đọc",
              "modules": [ { "key": "c1", "title": "Chương 1", "lessons": [ { "key": "doc", "title": "Đọc", "markdown": "Nội dung" } ] } ] } ] } ] }
            """);
        Assert.True(made.Succeeded, made.Error);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var courseId = await site.WithDbAsync(db => db.Set<Course>().Select(c => c.Id).FirstAsync());
        var editor = await admin.GetAsync($"/Admin/Courses/Edit/{courseId}");
        Assert.Contains("<option value=\"video\">", editor.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"quiz\">", editor.Body, StringComparison.Ordinal);

        var result = await site.RunRecipeAsync("""
            { "name": "quiz", "steps": [ { "name": "courses", "courses": [ { "slug": "co-bai-kiem-tra", "title": "Có bài kiểm tra",
              "modules": [ { "key": "c1", "title": "Chương 1", "lessons": [ { "key": "kt", "title": "Kiểm tra", "kind": "quiz" } ] } ] } ] } ] }
            """);
        // In a recipe, its lesson is left out and said so (the module is installed, only switched off), not refused: the rest
        // of the course is set up. A kind no module offers is refused (RecipeTests.SetupWithQuizzesSwitchedOff_…).
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["bài học kt (Learning.Quizzes)"], result.Skipped);
        Assert.True(await site.WithDbAsync(db => db.Set<Course>().AnyAsync(c => c.Slug == "co-bai-kiem-tra")));
        Assert.False(await site.WithDbAsync(db => db.Set<Lesson>().AnyAsync(l => l.Key == "kt")));
    }

    /// <summary>Issue 10: the editor's preview is the learner's renderer on the server, so hostile bodies are inert there too.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task EditorPreview_RendersOnTheServer_AndHostileBodiesAreInert(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        string[] hostile =
        [
            "<img src=x onerror=alert(document.cookie)>",
            "<details open ontoggle=alert(1)>x</details>",
            "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
            "[bấm](javascript:alert(1))",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "<iframe src=\"https://example.com\"></iframe><script>alert(1)</script>",
            "<style>body{display:none}</style><form action=/x><button formaction=javascript:alert(1)>x</button></form>",
        ];
        foreach (var body in hostile)
        {
            var (status, html, _) = await admin.PostFormAsync("/Admin/Courses", [new("markdown", "# Tiêu đề bài học\n\n" + body)], "/Admin/Courses/preview");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("Tiêu đề bài học</h1>", html, StringComparison.Ordinal);
            // Raw HTML is shown as text (escaped), never as elements; no link may point at script.
            foreach (var bad in new[] { "<img", "<details", "<svg", "<animate", "<script", "<iframe", "<style", "<form", "<button", "href=\"javascript", "href=\"jav" })
            {
                Assert.DoesNotContain(bad, html, StringComparison.OrdinalIgnoreCase);
            }

            Assert.DoesNotMatch("<[a-z]+[^>]*\\son[a-z]+\\s*=", html);
        }

        // The same renderer as the published lesson: the preview of a lesson's body is the HTML learners get.
        const string lesson = "Bước **1**: mở [Cổng Dịch vụ công](https://dichvucong.gov.vn).\n\n| Cột | Giá trị |\n|---|---|\n| a | b |";
        var preview = await admin.PostFormAsync("/Admin/Courses", [new("markdown", lesson)], "/Admin/Courses/preview");
        Assert.Equal(SafeMarkdown.ToHtml(lesson), preview.Body);

        // Without the page's token it is refused.
        using var bare = new FormUrlEncodedContent([new KeyValuePair<string, string>("markdown", "x")]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.PostAsync("/Admin/Courses/preview", bare)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CircularPrerequisite_IsRefused(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var ids = await site.WithDbAsync(db => db.Set<Course>().OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync());
        var (a, b) = (ids[0], ids[1]);

        var first = await admin.PostFormAsync($"/Admin/Courses/Edit/{a}", [new("title", "A"), new("prerequisiteId", b.ToString(System.Globalization.CultureInfo.InvariantCulture))], $"/Admin/Courses/Edit/{a}?handler=Settings");
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        var second = await admin.PostFormAsync($"/Admin/Courses/Edit/{b}", [new("title", "B"), new("prerequisiteId", a.ToString(System.Globalization.CultureInfo.InvariantCulture))], $"/Admin/Courses/Edit/{b}?handler=Settings");

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Contains("vòng lặp", second.Body, StringComparison.Ordinal);
        Assert.Null(await site.WithDbAsync(db => db.Set<Course>().Where(c => c.Id == b).Select(c => c.PrerequisiteCourseId).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Package_ExportImportOnAnotherSite_ThenReimport_UpdatesWithoutDuplicates(DatabaseProvider provider)
    {
        byte[] package;
        await using (var source = await TestSite.StartAsync(provider))
        {
            using var admin = await source.SignedInAsync(TestSite.AdminEmail);
            var id = await source.WithDbAsync(db => db.Set<Course>().Where(c => c.Slug == "thanh-toan-truc-tuyen").Select(c => c.Id).SingleAsync());
            var response = await admin.Http.GetAsync($"/Admin/Courses/{id}/export.zip");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            package = await response.Content.ReadAsByteArrayAsync();
        }

        await using var target = await TestSite.StartAsync(provider, recipe: null);
        using var targetAdmin = await target.SignedInAsync(TestSite.AdminEmail);
        var first = await targetAdmin.PostFileAsync("/Admin/Courses/Import", "package", "p.zip", package);
        Assert.Contains("alert-success", first.Body, StringComparison.Ordinal);
        var lessons = await target.WithDbAsync(db => db.Set<Lesson>().CountAsync());
        Assert.Equal(10 + 1, lessons); // ten lessons to read, and the course's quiz
        Assert.Equal(1, await target.WithDbAsync(db => db.Set<CourseVersion>().CountAsync()));

        var again = await targetAdmin.PostFileAsync("/Admin/Courses/Import", "package", "p.zip", package);
        Assert.Contains("alert-success", again.Body, StringComparison.Ordinal);
        Assert.Equal(lessons, await target.WithDbAsync(db => db.Set<Lesson>().CountAsync()));
        Assert.Equal(1, await target.WithDbAsync(db => db.Set<Course>().CountAsync()));
        Assert.Equal(1, await target.WithDbAsync(db => db.Set<CourseVersion>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Package_WithMissingFile_FailsWithPath_AndChangesNothing(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var writer = new StreamWriter(zip.CreateEntry("recipe.json").Open(), Encoding.UTF8);
            await writer.WriteAsync("""
            { "name": "pkg", "steps": [ { "name": "courses", "courses": [ { "slug": "tai-lieu", "title": "Tài liệu", "publish": true, "modules": [
              { "key": "m1", "title": "Chương", "lessons": [
                { "key": "l1", "title": "Đọc", "kind": "article", "markdown": "Nội dung" },
                { "key": "l2", "title": "Tải về", "kind": "file", "file": "files/khong-co.pdf" } ] } ] } ] } ] }
            """);
        }

        var result = await admin.PostFileAsync("/Admin/Courses/Import", "package", "bad.zip", buffer.ToArray());

        Assert.Contains("alert-error", result.Body, StringComparison.Ordinal);
        Assert.Contains("$.steps[0].courses[0].modules[0].lessons[1].file", result.Body, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Course>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RuleAssignment_ReachesCadresWhoArriveLater_AndUnassignKeepsHistory(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var courseId = await site.WithDbAsync(db => db.Set<Course>().Where(c => c.Slug == "thanh-toan-truc-tuyen").Select(c => c.Id).SingleAsync());
        var before = await site.WithDbAsync(db => db.Set<Enrollment>().CountAsync(e => e.CourseId == courseId));
        Assert.True(before > 0);

        // A new accounting officer arrives through the CSV import and gets an account.
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        await site.ImportCadresAsync(admin, "new.csv",
            Encoding.UTF8.GetBytes("email,fullName,position,unitCode,accountingOfficer\nke.toan.moi@example.vn,Lý Thị Kế Toán,Công chức Tài chính – Kế toán,KH-CAMLAM-VP,true\n"));
        await admin.PostFormAsync("/Admin/Users/Create", [new("email", "ke.toan.moi@example.vn"), new("displayName", "Lý Thị Kế Toán"), new("password", "Ketoan2026xx"), new("roles", "Cadre")]);

        var added = await site.WithServiceAsync<EnrollmentService, int>(s => s.SyncAssignmentsAsync());

        Assert.True(added >= 1);
        var userId = await site.WithDbAsync(db => db.Users.Where(u => u.Email == "ke.toan.moi@example.vn").Select(u => u.Id).SingleAsync());
        var enrollment = await site.WithDbAsync(db => db.Set<Enrollment>().SingleAsync(e => e.CourseId == courseId && e.UserId == userId));
        Assert.NotNull(enrollment.DueUtc);
        Assert.Equal(0, await site.WithServiceAsync<EnrollmentService, int>(s => s.SyncAssignmentsAsync()));

        // Unassign: enrolments leave "My learning" but stay in the database with their progress.
        var assignment = await site.WithDbAsync(db => db.Set<CourseAssignment>().SingleAsync(a => a.CourseId == courseId && a.Target == AssignmentTarget.AccountingOfficers));
        using var manager = await site.SignedInAsync(TestSite.AdminEmail);
        await manager.PostFormAsync($"/Admin/Courses/Assign/{courseId}", [new("assignmentId", assignment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], $"/Admin/Courses/Assign/{courseId}?handler=Remove");
        var after = await site.WithDbAsync(db => db.Set<Enrollment>().SingleAsync(e => e.Id == enrollment.Id));
        Assert.NotNull(after.WithdrawnUtc);
        Assert.NotNull(await site.WithDbAsync(db => db.Set<CourseAssignment>().Where(a => a.Id == assignment.Id).Select(a => a.RemovedUtc).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CommuneManager_CanAssignOnlyInsideTheirCommune(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        const string recipe = """
        { "name": "m", "steps": [
            { "name": "users", "users": [ { "email": "ql@example.vn", "roles": ["Manager"] } ] },
            { "name": "scopes", "scopes": [ { "user": "ql@example.vn", "unit": "KH-NHATRANG" } ] } ] }
        """;
        Assert.True((await site.RunRecipeAsync(recipe)).Succeeded);
        using var manager = await site.SignedInAsync("ql@example.vn", "Quanly2026xx");
        var courseId = await site.WithDbAsync(db => db.Set<Course>().Where(c => c.Slug == "vneid-dinh-danh-dien-tu").Select(c => c.Id).SingleAsync());
        var url = $"/Admin/Courses/Assign/{courseId}";

        var page = await manager.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("TH-HACTHANH", page.Body, StringComparison.Ordinal);

        var foreign = await manager.PostFormAsync(url, [new("target", "Unit"), new("unit", "TH-HACTHANH"), new("dueDays", "10")], url + "?handler=Add");
        Assert.Contains("ngoài phạm vi", foreign.Body, StringComparison.Ordinal);
        var rule = await manager.PostFormAsync(url, [new("target", "AccountingOfficers"), new("dueDays", "10")], url + "?handler=Add");
        Assert.Contains("alert-error", rule.Body, StringComparison.Ordinal);

        var own = await manager.PostFormAsync(url, [new("target", "Unit"), new("unit", "KH-NHATRANG"), new("dueDays", "10")], url + "?handler=Add");
        Assert.Contains("alert-success", own.Body, StringComparison.Ordinal);
        var paths = await site.WithDbAsync(async db =>
        {
            var users = await db.Set<Enrollment>().Where(e => e.CourseId == courseId && e.WithdrawnUtc == null).Select(e => e.UserId).ToListAsync();
            return await db.Set<Learning.Organization.Data.Cadre>().Where(c => c.UserId != null && users.Contains(c.UserId)).Select(c => c.OrgPath).ToListAsync();
        });
        var nhaTrang = await site.WithServiceAsync<ICadreDirectory, OrgUnitRef?>(d => d.FindUnitAsync("KH-NHATRANG"));
        Assert.Contains(paths, p => p.StartsWith(nhaTrang!.Path, StringComparison.Ordinal));
    }
}
