using System.Net;
using System.Text.RegularExpressions;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.Reports.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Reports;

/// <summary>Issue 14 pages as a commune manager sees them: numbers, drill-down, 404 outside the scope whatever the URL says, localized
/// errors, saved reports only for their owner, audited hour targets, training hours against them.</summary>
public sealed partial class ReportPagesTests
{
    private const string Manager = "ql.anhduong@example.vn";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CommuneManager_SeesTheirCommune_DrillsDown_NeverAnotherCommune(DatabaseProvider provider)
    {
        var clock = new ManualClock { Now = ReportFixture.Now };
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var f = await ReportFixture.CreateAsync(site);
        var staff = await site.RunRecipeAsync($$"""
            { "name": "report-staff", "steps": [
              { "name": "users", "users": [ { "email": "{{Manager}}", "displayName": "Quản lý Ánh Dương", "roles": ["Manager"] } ] },
              { "name": "scopes", "scopes": [ { "user": "{{Manager}}", "unit": "rp-A" } ] } ] }
            """);
        Assert.True(staff.Succeeded, staff.Error);
        using var manager = await site.SignedInAsync(Manager);

        // The top of their scope: commune A alone, its numbers, both charts as SVG with their tables, export links.
        var report = await manager.GetAsync($"/Admin/Reports?course={f.C1}");
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Contains("Phường Ánh Dương", report.Body, StringComparison.Ordinal);
        Assert.Contains("data-count=\"assigned\">5</a>", report.Body, StringComparison.Ordinal);
        Assert.Contains("data-count=\"Overdue\">1</a>", report.Body, StringComparison.Ordinal);
        Assert.Contains("<svg", report.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-rate\"", report.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-weekly\"", report.Body, StringComparison.Ordinal);
        Assert.Contains("/admin/reports/export?format=xlsx&amp;course=" + f.C1, report.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Xã Bến Đò", report.Body, StringComparison.Ordinal);

        // Another commune, the province above, a unit of another commune, by URL: 404 on every page.
        foreach (var url in new[]
        {
            $"/Admin/Reports?course={f.C1}&under={Uri.EscapeDataString(f.CommuneB)}",
            $"/Admin/Reports?course={f.C1}&under={Uri.EscapeDataString(f.Province)}",
            $"/Admin/Reports?course={f.C1}&unit={Learning.Reports.Services.Completion.ReportFilter.LastUnitId(f.CommuneB)}",
            $"/Admin/Reports/Cadres?course={f.C1}&under={Uri.EscapeDataString(f.CommuneB)}&status=NotStarted",
            $"/Admin/Reports/Cadre/{f.CadreIds["c5"]}",
            $"/Admin/Reports/Hours?under={Uri.EscapeDataString(f.CommuneB)}",
        })
        {
            var outside = await manager.GetAsync(url);
            Assert.True(outside.Status == HttpStatusCode.NotFound, $"{url}: {outside.Status}");
            Assert.DoesNotContain("Cán bộ C5", outside.Body, StringComparison.Ordinal);
        }

        // A reversed due range: a clear Vietnamese error, no numbers.
        var reversed = await manager.GetAsync($"/Admin/Reports?course={f.C1}&dueFrom=2026-12-31&dueTo=2026-12-01");
        Assert.Equal(HttpStatusCode.OK, reversed.Status);
        Assert.Contains("Hạn hoàn thành: ngày bắt đầu phải trước ngày kết thúc.", reversed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"groups\"", reversed.Body, StringComparison.Ordinal);

        // Drill-down from unit A1's "in progress": c3 alone; then their record.
        var underA = await manager.GetAsync($"/Admin/Reports?course={f.C1}&under={Uri.EscapeDataString(f.CommuneA)}");
        var link = WebUtility.HtmlDecode(Regex.Match(underA.Body, $"<tr data-path=\"{Regex.Escape(f.UnitA1)}\">.*?<a href=\"([^\"]+)\" data-count=\"InProgress\">1</a>", RegexOptions.Singleline).Groups[1].Value);
        Assert.StartsWith("/Admin/Reports/Cadres?", link, StringComparison.Ordinal);
        var list = await manager.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal([f.CadreIds["c3"].ToString(System.Globalization.CultureInfo.InvariantCulture)], CadreIds().Matches(list.Body).Select(m => m.Groups[1].Value));
        // Filtered to "in progress", every number leads to the cadres behind it: "assigned" to the in-progress ones (c3), and a
        // status the filter leaves empty is a plain 0, not a link to that status's cadres.
        var filtered = await manager.GetAsync($"/Admin/Reports?course={f.C1}&under={Uri.EscapeDataString(f.CommuneA)}&status=InProgress");
        var row = Regex.Match(filtered.Body, $"<tr data-path=\"{Regex.Escape(f.UnitA1)}\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("<a data-count=\"Completed\">0</a>", row, StringComparison.Ordinal);
        var assigned = WebUtility.HtmlDecode(Regex.Match(row, "<a href=\"([^\"]+)\" data-count=\"assigned\">1</a>").Groups[1].Value);
        Assert.Equal([f.CadreIds["c3"].ToString(System.Globalization.CultureInfo.InvariantCulture)], CadreIds().Matches((await manager.GetAsync(assigned)).Body).Select(m => m.Groups[1].Value));

        var record = await manager.GetAsync($"/Admin/Reports/Cadre/{f.CadreIds["c1"]}");
        Assert.Equal(HttpStatusCode.OK, record.Status);
        Assert.Contains("Chữ ký số công vụ rp", record.Body, StringComparison.Ordinal);
        Assert.Contains("Cán bộ C1 Đặng", record.Body, StringComparison.Ordinal);

        // Saved reports: theirs only; the filter is stored normalised.
        var saved = await manager.PostFormAsync($"/Admin/Reports?course={f.C1}", [new("name", "Chưa học – Ánh Dương"), new("kind", "completion"), new("query", $"status=notstarted&course={f.C1}")], "/Admin/Reports/Saved");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var mine = await manager.GetAsync("/Admin/Reports/Saved");
        Assert.Contains("Chưa học – Ánh Dương", mine.Body, StringComparison.Ordinal);
        Assert.Contains($"/Admin/Reports?course={f.C1}&amp;status=NotStarted", mine.Body, StringComparison.Ordinal);
        var noName = await manager.PostFormAsync($"/Admin/Reports?course={f.C1}", [new("name", " "), new("kind", "completion"), new("query", "")], "/Admin/Reports/Saved");
        Assert.Equal(HttpStatusCode.BadRequest, noName.Status);
        Assert.Contains("Hãy đặt tên cho báo cáo", noName.Body, StringComparison.Ordinal);
        using (var admin = await site.SignedInAsync(TestSite.AdminEmail))
        {
            Assert.DoesNotContain("Chưa học – Ánh Dương", (await admin.GetAsync("/Admin/Reports/Saved")).Body, StringComparison.Ordinal);
            var id = await site.WithDbAsync(db => db.Set<SavedReport>().Select(r => r.Id).SingleAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/Admin/Reports", [], $"/Admin/Reports/Saved?handler=Delete&id={id}")).Status);
        }

        // Hour targets apply to the whole site: a commune's manager reads them and may not set one; the administrator's bad
        // input is refused in Vietnamese, nothing stored; a good one stored and audited; c1 (C1 + C3, 4 h each, in November 2026)
        // meets 8 hours, c2 (4 h) does not.
        var readOnly = await manager.GetAsync("/Admin/Reports/Targets?year=2026");
        Assert.Equal(HttpStatusCode.OK, readOnly.Status);
        Assert.Contains("id=\"targets-read-only\"", readOnly.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"target-form\"", readOnly.Body, StringComparison.Ordinal);
        var refused = await manager.PostFormAsync("/Admin/Reports", [new("year", "2026"), new("position", "Công chức"), new("hours", "8")], "/Admin/Reports/Targets?year=2026");
        Assert.True(refused.Status == HttpStatusCode.Forbidden || refused.Location?.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true, $"{refused.Status} {refused.Location}");
        using var administrator = await site.SignedInAsync(TestSite.AdminEmail);
        var bad = await administrator.PostFormAsync("/Admin/Reports/Targets?year=2026", [new("year", "2026"), new("position", "Công chức"), new("hours", "nhiều")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("Số giờ phải là một số", bad.Body, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<HourTarget>().CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await administrator.PostFormAsync("/Admin/Reports/Targets?year=2026", [new("year", "2026"), new("position", "Công chức"), new("hours", "8")])).Status);
        Assert.Equal(1, await site.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "reports.hour-target.saved" && a.UserName == TestSite.AdminEmail)));
        var hours = await manager.GetAsync("/Admin/Reports/Hours?year=2026");
        Assert.Equal(HttpStatusCode.OK, hours.Status);
        Assert.Matches($"(?s)<tr data-cadre=\"{f.CadreIds["c1"]}\" data-hours=\"8\">.*?status-completed", hours.Body);
        Assert.Matches($"(?s)<tr data-cadre=\"{f.CadreIds["c2"]}\" data-hours=\"4\">.*?status-overdue", hours.Body);
        Assert.DoesNotContain($"data-cadre=\"{f.CadreIds["c5"]}\"", hours.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task DemoLearningStep_GivesDemoCadresWeeksOfLearning_Deterministically(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var result = await site.RunRecipeAsync("""{ "name": "demo-learning", "steps": [ { "name": "reports-demo-learning", "weeks": 6, "seed": 3 } ] }""");
        Assert.True(result.Succeeded, result.Error);
        var facts = await site.WithDbAsync(db => db.Set<Learning.Courses.Data.Enrollment>().Select(e => new { e.CompletedUtc, e.CompletedLessons, e.DueUtc }).ToListAsync());
        Assert.True(facts.Count(e => e.CompletedUtc != null) >= 3, $"{facts.Count} enrolments");
        Assert.Contains(facts, e => e.CompletedUtc == null && e.CompletedLessons > 0);
        Assert.Contains(facts, e => e.CompletedUtc == null && e.DueUtc < DateTime.UtcNow);
        Assert.True(facts.Where(e => e.CompletedUtc != null).Select(e => e.CompletedUtc!.Value.Date).Distinct().Count() > 2);
        Assert.Equal(1, await site.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "reports.demo-learning")));
        var bad = await site.RunRecipeAsync("""{ "name": "demo-learning", "steps": [ { "name": "reports-demo-learning", "weeks": 99 } ] }""");
        Assert.False(bad.Succeeded);
    }

    [GeneratedRegex("<tr data-cadre=\"([0-9]+)\"")]
    private static partial Regex CadreIds();
}
