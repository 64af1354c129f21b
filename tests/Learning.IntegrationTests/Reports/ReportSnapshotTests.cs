using System.Net;
using System.Text.RegularExpressions;
using Learning.Courses.Data;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.Reports.Data;
using Learning.Reports.Services.Completion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Reports;

/// <summary>ADR-031: the completion report's slow views kept with the time they were counted, counted again on request and by the
/// job, a filtered view always live, and a kept view shown only to the scope it was counted in.</summary>
public sealed partial class ReportSnapshotTests
{
    private const string Manager = "ql.snapshot@example.vn";

    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SlowViews_AreKeptWithTheirTime_CountedAgainOnRequestAndByTheJob_NeverShownToAnotherScope(DatabaseProvider provider)
    {
        var clock = new ManualClock { Now = ReportFixture.Now };
        var settings = new Dictionary<string, string?>
        {
            ["Learning:Reports:Snapshots:Minutes"] = "30",
            ["Learning:Reports:Snapshots:AfterMilliseconds"] = "0", // every view is "slow" here
        };
        await using var site = await TestSite.StartAsync(provider, settings: settings, services: s => s.AddSingleton<TimeProvider>(clock));
        var f = await ReportFixture.CreateAsync(site);
        var staff = await site.RunRecipeAsync($$"""
            { "name": "snapshot-staff", "steps": [
              { "name": "users", "users": [ { "email": "{{Manager}}", "displayName": "Quản lý Ánh Dương", "roles": ["Manager"] } ] },
              { "name": "scopes", "scopes": [ { "user": "{{Manager}}", "unit": "rp-A" } ] } ] }
            """);
        Assert.True(staff.Succeeded, staff.Error);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var province = $"/Admin/Reports?course={f.C1}&under={Uri.EscapeDataString(f.Province)}";

        // Counted for this visit (no note), and kept: c1, c2 and c6 completed course 1 in commune A.
        var first = await admin.GetAsync(province);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.DoesNotContain("id=\"kept-note\"", first.Body, StringComparison.Ordinal);
        Assert.Equal(3, Completed(first.Body, f.CommuneA));
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<ReportSnapshot>().CountAsync()));

        // c3 completes the course; five minutes later the kept view is shown, with its time, and the old number.
        await CompleteAsync(site, f, "c3");
        clock.Now += TimeSpan.FromMinutes(5);
        var kept = await admin.GetAsync(province);
        Assert.Contains("id=\"kept-note\"", kept.Body, StringComparison.Ordinal);
        Assert.Contains("Số liệu tính lúc 10:00 02/12/2026 (5 phút trước), tự cập nhật trước khi quá 30 phút.", kept.Body, StringComparison.Ordinal);
        Assert.Equal(3, Completed(kept.Body, f.CommuneA));

        // Any other filter is counted live, and not kept.
        var filtered = await admin.GetAsync(province + "&status=Completed");
        Assert.DoesNotContain("id=\"kept-note\"", filtered.Body, StringComparison.Ordinal);
        Assert.Equal(4, Completed(filtered.Body, f.CommuneA));
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<ReportSnapshot>().CountAsync()));

        // "Count again now": the new number, and the kept view is the new one.
        var live = await admin.GetAsync(WebUtility.HtmlDecode(Regex.Match(kept.Body, "href=\"([^\"]+)\" id=\"count-now\"").Groups[1].Value));
        Assert.DoesNotContain("id=\"kept-note\"", live.Body, StringComparison.Ordinal);
        Assert.Equal(4, Completed(live.Body, f.CommuneA));
        clock.Now += TimeSpan.FromMinutes(1);
        var again = await admin.GetAsync(province);
        Assert.Contains("Số liệu tính lúc 10:05 02/12/2026 (1 phút trước)", again.Body, StringComparison.Ordinal);
        Assert.Equal(4, Completed(again.Body, f.CommuneA));

        // The commune's manager opens their own report: counted in their scope (commune A only), never the administrator's view.
        using var manager = await site.SignedInAsync(Manager);
        var own = await manager.GetAsync($"/Admin/Reports?course={f.C1}");
        Assert.DoesNotContain("id=\"kept-note\"", own.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Xã Bến Đò", own.Body, StringComparison.Ordinal);
        Assert.Equal(4, Completed(own.Body, f.CommuneA));
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<ReportSnapshot>().CountAsync()));
        Assert.Equal(404, (int)(await manager.GetAsync(province)).Status);

        // c4 completes too. Twenty minutes on, the job counts again what is past half its age (the province's view), and adds
        // the whole country's landing view; the manager's view, counted 20 minutes ago, is counted again as well.
        await CompleteAsync(site, f, "c4");
        clock.Now += TimeSpan.FromMinutes(20);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<CompletionSnapshots>().RefreshAsync(CancellationToken.None));
        }

        var refreshed = await admin.GetAsync(province);
        Assert.Contains("Số liệu tính lúc 10:26 02/12/2026 (vừa xong)", refreshed.Body, StringComparison.Ordinal);
        Assert.Equal(5, Completed(refreshed.Body, f.CommuneA));
        var country = await admin.GetAsync("/Admin/Reports");
        Assert.Contains("id=\"kept-note\"", country.Body, StringComparison.Ordinal);

        // In English, the note is in English.
        await admin.PostFormAsync("/Admin/Reports", [new("culture", "en"), new("returnUrl", "/Admin/Reports")], "/Account/Culture");
        clock.Now += TimeSpan.FromMinutes(2);
        var english = await admin.GetAsync(province);
        Assert.Contains("Figures counted at 10:26 02/12/2026 (2 minutes ago), refreshed before they are 30 minutes old.", english.Body, StringComparison.Ordinal);
        Assert.Contains(">Count again now</a>", english.Body, StringComparison.Ordinal);

        // Past its age limit a kept view is not shown: with the job stopped, the next visit counts again.
        await CompleteAsync(site, f, "c5");
        clock.Now += TimeSpan.FromMinutes(31);
        var stale = await admin.GetAsync(province);
        Assert.DoesNotContain("id=\"kept-note\"", stale.Body, StringComparison.Ordinal);
        Assert.Equal(1, Completed(stale.Body, f.CommuneB));

        // A view nobody opened for a week is dropped by the job.
        clock.Now += TimeSpan.FromDays(8);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CompletionSnapshots>().RefreshAsync(CancellationToken.None);
        }

        Assert.Equal(["*|"], await site.WithDbAsync(db => db.Set<ReportSnapshot>().Select(s => s.Key).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task FastViews_StayLive_AndAViewThatBecameFastIsNoLongerKept(DatabaseProvider provider)
    {
        var clock = new ManualClock { Now = ReportFixture.Now };
        var settings = new Dictionary<string, string?>
        {
            ["Learning:Reports:Snapshots:Minutes"] = "30",
            ["Learning:Reports:Snapshots:AfterMilliseconds"] = "600000", // no view here takes ten minutes to count
        };
        await using var site = await TestSite.StartAsync(provider, settings: settings, services: s => s.AddSingleton<TimeProvider>(clock));
        var f = await ReportFixture.CreateAsync(site);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var province = $"/Admin/Reports?course={f.C1}&under={Uri.EscapeDataString(f.Province)}";

        // A view kept when it was slow (stale numbers: 99 completed), which now counts fast: shown while young, then dropped
        // by the next count, and the job keeps nothing, not even the country's landing view.
        var stale = new CompletionView([new CompletionGroup(f.CommuneA, "Phường Ánh Dương", "Ward", 99, 0, 0, 99, 0, null, null, null)], []);
        await site.WithDbAsync(async db =>
        {
            db.Add(new ReportSnapshot
            {
                Key = $"*|course={f.C1}&under={Uri.EscapeDataString(f.Province)}", Scope = "*", Query = $"course={f.C1}&under={Uri.EscapeDataString(f.Province)}",
                Payload = System.Text.Json.JsonSerializer.Serialize(new { stale.Groups, stale.Trend }, Web),
                ComputedUtc = clock.Now.UtcDateTime.AddMinutes(-20), LastViewedUtc = clock.Now.UtcDateTime.AddMinutes(-20), ComputeMilliseconds = 5000,
            });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(99, Completed((await admin.GetAsync(province)).Body, f.CommuneA));

        // A kept view that cannot be read (an older version's shape, a cut-off write) is counted live, not a 500.
        await site.WithDbAsync(async db =>
        {
            db.Add(new ReportSnapshot
            {
                Key = "*|", Scope = "*", Query = "", Payload = "{\"groups\": [{\"orgPath\"", ComputedUtc = clock.Now.UtcDateTime,
                LastViewedUtc = clock.Now.UtcDateTime, ComputeMilliseconds = 5000,
            });
            return await db.SaveChangesAsync();
        });
        var unreadable = await admin.GetAsync("/Admin/Reports");
        Assert.Equal(HttpStatusCode.OK, unreadable.Status);
        Assert.DoesNotContain("id=\"kept-note\"", unreadable.Body, StringComparison.Ordinal);
        Assert.Contains("Tỉnh Báo Cáo rp", unreadable.Body, StringComparison.Ordinal);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<CompletionSnapshots>().RefreshAsync(CancellationToken.None));
        }

        Assert.Equal(0, await site.WithDbAsync(db => db.Set<ReportSnapshot>().CountAsync()));
        var live = await admin.GetAsync(province);
        Assert.DoesNotContain("id=\"kept-note\"", live.Body, StringComparison.Ordinal);
        Assert.Equal(3, Completed(live.Body, f.CommuneA));
        Assert.DoesNotContain("id=\"kept-note\"", (await admin.GetAsync("/Admin/Reports")).Body, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<ReportSnapshot>().CountAsync()));
    }

    private static async Task CompleteAsync(TestSite site, ReportFixture f, string cadre)
    {
        var changed = await site.WithDbAsync(async db =>
        {
            var user = await db.Set<Learning.Organization.Data.Cadre>().Where(c => c.Id == f.CadreIds[cadre]).Select(c => c.UserId).SingleAsync();
            var done = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
            return await db.Set<Enrollment>().Where(e => e.UserId == user && e.CourseId == f.C1)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.CompletedUtc, done).SetProperty(e => e.CompletedLessons, 3).SetProperty(e => e.LastActivityUtc, done));
        });
        Assert.Equal(1, changed);
    }

    private static int Completed(string body, string orgPath)
    {
        var match = Regex.Match(body, $"<tr data-path=\"{Regex.Escape(orgPath)}\">.*?data-count=\"Completed\">(\\d+)</a>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row for {orgPath}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
