using System.Net;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Organization.Data;
using Learning.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Foundation;

public sealed class SetupTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SetupPage_FreshSite_CreatesAdminRunsRecipeAndShowsVietnameseDashboard(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, setUp: false);
        using var client = site.CreateSiteClient();

        var (status, _, location) = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/Setup", location);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).Status);

        var posted = await client.PostFormAsync("/Setup",
        [
            new("siteName", "Học tập số Thanh Hóa"), new("adminName", "Quản trị"), new("adminEmail", "qt@example.vn"),
            new("password", "Matkhau2026a"), new("passwordConfirm", "Matkhau2026a"), new("recipe", "setup"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);

        Assert.Equal(HttpStatusCode.Redirect, await client.SignInAsync("qt@example.vn", "Matkhau2026a"));
        var dashboard = await client.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.OK, dashboard.Status);
        Assert.Contains("<html lang=\"vi\">", dashboard.Body, StringComparison.Ordinal);
        Assert.Contains("Bảng điều khiển", dashboard.Body, StringComparison.Ordinal);
        Assert.Contains("Học tập số Thanh Hóa", dashboard.Body, StringComparison.Ordinal);

        var cadres = await site.WithDbAsync(db => db.Set<Cadre>().CountAsync());
        Assert.Equal(24, cadres);

        // The cadres card's bars: each commune with the cadres of every unit under it, counted here by path prefix.
        var expected = await site.WithDbAsync(async db =>
        {
            var communes = await db.Set<OrgUnit>().Where(u => u.Kind == OrgUnitKind.Commune || u.Kind == OrgUnitKind.Ward || u.Kind == OrgUnitKind.SpecialZone)
                .Select(u => new { u.Name, u.Path }).ToListAsync();
            var paths = await db.Set<Cadre>().Select(c => c.OrgPath).ToListAsync();
            return communes.Select(c => (c.Name, Count: paths.Count(p => p.StartsWith(c.Path, StringComparison.Ordinal))))
                .Where(c => c.Count > 0).OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal).Take(10).ToList();
        });
        Assert.NotEmpty(expected);
        var bars = System.Text.RegularExpressions.Regex.Matches(dashboard.Body,
                "<li><span class=\"bar-label\">([^<]*)</span><span class=\"bar\"[^>]*></span><span class=\"bar-value\">([0-9]+)</span></li>")
            .Select(m => (Name: WebUtility.HtmlDecode(m.Groups[1].Value), Count: int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var commune in expected)
        {
            Assert.Contains(commune, bars);
        }
        var audit = await site.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Contains("setup.completed", audit);
        Assert.Contains("auth.signin", audit);
    }

    /// <summary>
    /// The setup page on a site with the quizzes module switched off: the shipped setup runs, and the page says what it left out
    /// (the quizzes' steps, the final quiz lessons, the readiness path) before the administrator signs in, in Vietnamese.
    /// With nothing skipped it goes straight to signing in, as above.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SetupPage_WithAModuleSwitchedOff_SaysWhatTheRecipeLeftOut(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, setUp: false, settings: new() { ["Learning:Modules:Disabled"] = "Learning.Quizzes" });
        using var client = site.CreateSiteClient();

        var posted = await client.PostFormAsync("/Setup",
        [
            new("siteName", "Học tập số Khánh Hòa"), new("adminName", "Quản trị"), new("adminEmail", "qt@example.vn"),
            new("password", "Matkhau2026a"), new("passwordConfirm", "Matkhau2026a"), new("recipe", "setup"),
        ]);

        Assert.Equal(HttpStatusCode.OK, posted.Status);
        // The page as set up (the new name in the header), what was left out, and the way on to signing in.
        string[] shown =
        [
            "id=\"setup-done\"", "không được thiết lập vì phân hệ của chúng đang tắt", "<li>bài học chu-ky-so-cong-vu-m4-l3 (Learning.Quizzes)</li>",
            "<li>questionBank (Learning.Quizzes)</li>", "href=\"/Account/Login?returnUrl=%2FAdmin\"", "<a class=\"brand\" href=\"/\">Học tập số Khánh Hòa</a>",
        ];
        Assert.All(shown, text => Assert.Contains(text, posted.Body, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, await client.SignInAsync("qt@example.vn", "Matkhau2026a"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin")).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Setup_SecondAttempt_IsRefusedAndChangesNothing(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var client = site.CreateSiteClient();

        var users = await site.WithDbAsync(db => db.Users.CountAsync());
        var page = await client.GetAsync("/Setup");
        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("Trang đã được thiết lập", page.Body, StringComparison.Ordinal);

        var again = await site.WithServiceAsync<SetupService, SetupResult>(s => s.SetupAsync(new SetupRequest("Khác", "other@example.vn", "Matkhau2026b", "setup")));
        Assert.False(again.Succeeded);
        Assert.True(again.AlreadySetUp);
        Assert.Equal(users, await site.WithDbAsync(db => db.Users.CountAsync()));
        Assert.False(await site.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "other@example.vn")));
        Assert.Equal("Trang thử nghiệm", await site.WithDbAsync(db => db.SiteSettings.Select(s => s.SiteName).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Setup_WeakPassword_FailsWithLocalizedReasonAndLeavesSiteUnset(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, setUp: false);

        var result = await site.WithServiceAsync<SetupService, SetupResult>(s => s.SetupAsync(new SetupRequest("Trang", "qt@example.vn", "short", "setup")));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains("ít nhất 10 ký tự", StringComparison.Ordinal));
        Assert.False(await site.WithServiceAsync<SetupService, bool>(s => s.IsSetUpAsync()));
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<OrgUnit>().CountAsync()));
        Assert.Equal(0, await site.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Health_ReportsDatabase(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, setUp: false);
        using var client = site.CreateSiteClient();

        var (status, body, _) = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body);
        _ = site.Services.GetRequiredService<DatabaseMigrator>();
    }
}
