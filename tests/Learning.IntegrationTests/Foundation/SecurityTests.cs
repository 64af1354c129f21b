using System.Net;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Learning.IntegrationTests.Foundation;

public sealed class SecurityTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Login_WrongPasswordTenTimes_LocksTheAccount_EvenForTheRightPassword(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var client = site.CreateSiteClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add(await client.SignInAsync(TestSite.AdminEmail, "Sai-mat-khau-" + i));
        }

        Assert.DoesNotContain(HttpStatusCode.Redirect, statuses);
        var right = await client.PostFormAsync("/Account/Login", [new("email", TestSite.AdminEmail), new("password", TestSite.AdminPassword)]);
        Assert.Equal(HttpStatusCode.OK, right.Status); // refused: no sign-in cookie, no redirect
        Assert.Null(right.Location);
        Assert.Contains("tạm khóa", right.Body, StringComparison.Ordinal);


        var audit = await site.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("auth.")).Select(a => a.Action).ToListAsync());
        Assert.Equal(4, audit.Count(a => a == "auth.signin.failed"));
        Assert.Contains("auth.signin.locked", audit);
        Assert.DoesNotContain("auth.signin", audit);

        // The locked account and an address with no account get the same answer: the page does not tell which exists.
        var unknown = await client.PostFormAsync("/Account/Login", [new("email", "khong.ai@example.vn"), new("password", "Sai-mat-khau-0")]);
        Assert.Equal(right.Status, unknown.Status);
        Assert.Equal(ErrorOf(right.Body), ErrorOf(unknown.Body));
        Assert.NotEmpty(ErrorOf(right.Body));
    }

    /// <summary>Issue 10, item 5: names and titles lose bidirectional controls, so "…\u202Eexe.txt" cannot pose as "…txt.exe".</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task NamesAndTitles_LoseBidirectionalControlCharacters(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        await admin.PostFormAsync("/Admin/Users/Create", [new("email", "rlo@example.vn"), new("displayName", "Hướng\u202Eexe.txt\u2066x\u2069"), new("password", "Matkhau2026xx"), new("roles", "Trainer")]);
        var name = await site.WithDbAsync(db => db.Users.Where(u => u.Email == "rlo@example.vn").Select(u => u.DisplayName).SingleAsync());
        Assert.Equal("Hướngexe.txtx", name);

        var result = await site.RunRecipeAsync("""
            { "name": "rlo", "steps": [ { "name": "courses", "courses": [ { "slug": "rlo", "title": "Khóa\u202Ehọc",
              "modules": [ { "key": "m", "title": "Chương", "lessons": [ { "key": "l", "title": "Bài\u202Dmột", "kind": "article", "markdown": "x" } ] } ] } ] } ] }
            """);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("Khóahọc", await site.WithDbAsync(db => db.Set<Learning.Courses.Data.Course>().Where(c => c.Slug == "rlo").Select(c => c.Title).SingleAsync()));
    }

    private static string ErrorOf(string body) =>
        System.Text.RegularExpressions.Regex.Match(body, "role=\"alert\"[^>]*>([^<]*)<").Groups[1].Value;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Login_TooManyAttemptsFromOneAddress_AreRateLimited(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, settings: new() { ["Learning:Security:LoginAttemptsPerMinute"] = "3" });
        using var client = site.CreateSiteClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add(await client.SignInAsync("nobody@example.vn", "Whatever2026x"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Post_WithoutAntiforgeryToken_IsRejected(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var client = site.CreateSiteClient();

        using var form = new FormUrlEncodedContent([new("email", TestSite.AdminEmail), new("password", TestSite.AdminPassword)]);
        using var response = await client.Http.PostAsync("/Account/Login", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("learning.auth", string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RoleChange_IsAudited_AndErrorPagesShowNoStackTrace(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var admin = site.CreateSiteClient();
        await admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        var created = await admin.PostFormAsync("/Admin/Users/Create", [new("email", "gv@example.vn"), new("displayName", "Giảng viên"), new("password", "Giangvien2026"), new("roles", "Cadre")]);
        var edit = created.Location!.Split('?')[0];

        await admin.PostFormAsync(edit, [new("roles", "Trainer")], edit + "?handler=Roles");

        var entry = await site.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "users.roles.changed"));
        Assert.Equal("gv@example.vn", entry.Subject);
        Assert.Equal(TestSite.AdminEmail, entry.UserName);
        Assert.Contains("thêm: Trainer", entry.Details, StringComparison.Ordinal);
        Assert.Contains("bỏ: Cadre", entry.Details, StringComparison.Ordinal);

        var missing = await admin.GetAsync("/khong-co-trang-nay");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Contains("Không tìm thấy trang", missing.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", missing.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Culture_SwitchToEnglish_ChangesTheUi(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var client = site.CreateSiteClient();
        await client.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);

        var switched = await client.GetAsync("/Account/Culture?culture=en&returnUrl=%2FAdmin");
        Assert.Equal(HttpStatusCode.Redirect, switched.Status);
        Assert.Equal("/Admin", switched.Location);
        var page = await client.GetAsync("/Admin");

        Assert.Contains("<html lang=\"en\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("Dashboard", page.Body, StringComparison.Ordinal);
        Assert.Equal("en", await site.WithDbAsync(db => db.Users.Where(u => u.Email == TestSite.AdminEmail).Select(u => u.PreferredCulture).SingleAsync()));
    }
}
