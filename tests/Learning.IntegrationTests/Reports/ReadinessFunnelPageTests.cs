using System.Net;
using Learning.Certificates.Data;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.Reports.Services.Completion;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Reports;

/// <summary>Issue 14, the readiness funnel in reports: per commune of the manager's scope, an SVG with its numbers as a table,
/// linking to the readiness lists; another commune by URL is 404.</summary>
public sealed class ReadinessFunnelPageTests
{
    private const string Manager = "ql.pheu.anhduong@example.vn";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Funnel_PerCommune_MatchesTheFixture_LinksToTheLists_OtherCommuneIs404(DatabaseProvider provider)
    {
        var clock = new ManualClock { Now = ReportFixture.Now };
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var f = await ReportFixture.CreateAsync(site);
        await site.WithDbAsync(async db =>
        {
            db.Add(new ReadinessRequirement { ProvinceUnitId = ReportFilter.LastUnitId(f.Province), CourseIds = $"{f.C1},{f.C3}", UpdatedUtc = new DateTime(2026, 10, 20, 0, 0, 0, DateTimeKind.Utc) });
            db.Add(new SignatureRecord { CadreId = f.CadreIds["c2"], RequestedUtc = new DateTime(2026, 11, 25, 3, 0, 0, DateTimeKind.Utc), RequestedBy = "test", UpdatedUtc = new DateTime(2026, 11, 25, 3, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
            return 0;
        });
        var staff = await site.RunRecipeAsync($$"""
            { "name": "funnel-staff", "steps": [
              { "name": "users", "users": [ { "email": "{{Manager}}", "displayName": "Quản lý phễu", "roles": ["Manager"] } ] },
              { "name": "scopes", "scopes": [ { "user": "{{Manager}}", "unit": "rp-A" } ] } ] }
            """);
        Assert.True(staff.Succeeded, staff.Error);
        var province = ReportFilter.LastUnitId(f.Province);
        var a = ReportFilter.LastUnitId(f.CommuneA);
        var b = ReportFilter.LastUnitId(f.CommuneB);
        using var manager = await site.SignedInAsync(Manager);

        // Commune A: c1 ready, c2 requested, c3, c4 and c6 (moved in from B) in training.
        var page = await manager.GetAsync("/Admin/Reports/Readiness");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<svg", page.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-funnel\"", page.Body, StringComparison.Ordinal);
        Assert.Contains($"<tr data-unit=\"{a}\">", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-unit=\"{b}\"", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Xã Bến Đò", page.Body, StringComparison.Ordinal);
        Assert.Matches("(?s)<tr data-stage=\"NotStarted\">.*?<td class=\"num\">5</td>", page.Body);
        Assert.Matches("(?s)<tr data-stage=\"InTraining\">.*?<td class=\"num\">5</td>.*?data-count=\"InTraining\">3</a>", page.Body);
        Assert.Matches("(?s)<tr data-stage=\"Ready\">.*?<td class=\"num\">2</td>.*?data-count=\"Ready\">1</a>", page.Body);
        Assert.Matches("(?s)<tr data-stage=\"Requested\">.*?<td class=\"num\">1</td>.*?data-count=\"Requested\">1</a>", page.Body);
        Assert.Contains($"href=\"/Admin/Readiness?state=Ready&amp;unit={a}\"", page.Body, StringComparison.Ordinal);
        // "Issued" counts everyone issued a signature, expiring and expired too: its list is the readiness list's "held" filter.
        Assert.Contains($"href=\"/Admin/Readiness?state=Held&amp;unit={a}\" data-count=\"Issued\">0</a>", page.Body, StringComparison.Ordinal);
        var held = await manager.GetAsync($"/Admin/Readiness?state=Held&unit={a}");
        Assert.Equal(HttpStatusCode.OK, held.Status);
        Assert.Contains("Đã được cấp chữ ký số (còn hạn, sắp hết hạn hoặc đã hết hạn): 0 cán bộ", held.Body, StringComparison.Ordinal);
        await site.WithDbAsync(async db =>
        {
            db.Add(new SignatureRecord
            {
                CadreId = f.CadreIds["c4"], Serial = "54010101AB", Provider = "Ban Cơ yếu Chính phủ", ValidFrom = new DateOnly(2024, 1, 1), ValidTo = new DateOnly(2025, 1, 1),
                IssuedRecordedUtc = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), UpdatedUtc = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc),
            });
            return await db.SaveChangesAsync();
        });
        Assert.Contains($"href=\"/Admin/Readiness?state=Held&amp;unit={a}\" data-count=\"Issued\">1</a>", (await manager.GetAsync("/Admin/Reports/Readiness")).Body, StringComparison.Ordinal);
        Assert.Contains("hoặc đã hết hạn): 1 cán bộ", (await manager.GetAsync($"/Admin/Readiness?state=Held&unit={a}")).Body, StringComparison.Ordinal); // the expired one, listed
        Assert.Contains("«Đã cấp»: 0 cán bộ", (await manager.GetAsync($"/Admin/Readiness?state=Issued&unit={a}")).Body, StringComparison.Ordinal); // not "issued" alone
        Assert.Contains("Đủ điều kiện: 2</text>", page.Body, StringComparison.Ordinal); // the SVG's label for the same number
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/Admin/Reports/Readiness?commune={a}")).Status); // links made before
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/Admin/Reports/Readiness?unit={a}")).Status);
        foreach (var url in new[] { $"/Admin/Reports/Readiness?commune={b}", $"/Admin/Reports/Readiness?unit={b}", $"/Admin/Reports/Readiness?unit={province}", $"/Admin/Readiness?unit={b}" })
        {
            var outside = await manager.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, outside.Status);
            Assert.DoesNotContain("Xã Bến Đò", outside.Body, StringComparison.Ordinal);
        }

        // The commune's own department: its funnel (c1 ready, c3 in training), and the commune is not broken down further.
        var department = await manager.GetAsync($"/Admin/Reports/Readiness?unit={ReportFilter.LastUnitId(f.UnitA1)}");
        Assert.Matches("(?s)<tr data-stage=\"NotStarted\">.*?<td class=\"num\">2</td>", department.Body);
        Assert.Contains("Bộ phận Một cửa", department.Body, StringComparison.Ordinal);

        // An administrator starts at the provinces (one row for this one, none per commune), opens the province and sees
        // its communes, then a commune: one step at a time, as a country's 3,321 communes need.
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var top = await admin.GetAsync("/Admin/Reports/Readiness");
        Assert.Equal(HttpStatusCode.OK, top.Status);
        Assert.Matches($"(?s)<tr data-unit=\"{province}\">.*?data-open=\"{province}\"", top.Body);
        Assert.DoesNotContain($"data-unit=\"{a}\"", top.Body, StringComparison.Ordinal);
        var provincePage = await admin.GetAsync($"/Admin/Reports/Readiness?unit={province}");
        Assert.Matches("(?s)<tr data-stage=\"NotStarted\">.*?<td class=\"num\">8</td>", provincePage.Body);
        Assert.Contains($"<tr data-unit=\"{a}\">", provincePage.Body, StringComparison.Ordinal);
        Assert.Contains($"<tr data-unit=\"{b}\">", provincePage.Body, StringComparison.Ordinal);
        Assert.Contains("Theo xã, phường", provincePage.Body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Admin/Reports/Readiness?unit={province}\">Tỉnh Báo Cáo rp</a>", provincePage.Body, StringComparison.Ordinal); // the trail
        Assert.Matches($"(?s)<tr data-unit=\"{b}\">.*?href=\"/Admin/Readiness[?]state=InTraining&amp;unit={b}\" data-count=\"InTraining\">1</a>", provincePage.Body);

        // The readiness list (certificates) breaks down the same way, and reads the chosen unit alone.
        var list = await admin.GetAsync($"/Admin/Readiness?unit={province}");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains($"data-commune=\"{a}\"", list.Body, StringComparison.Ordinal);
        Assert.Contains($"data-commune=\"{b}\"", list.Body, StringComparison.Ordinal);
        Assert.Contains("8 cán bộ", list.Body, StringComparison.Ordinal);
        // Its provider export for a unit holds that unit's ready cadres (c1 in A, none in B), and nothing for a unit outside.
        Assert.Contains("c1.rp@example.vn", (await admin.GetAsync($"/Admin/Readiness?handler=Export&format=csv&unit={a}")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("c1.rp@example.vn", (await admin.GetAsync($"/Admin/Readiness?handler=Export&format=csv&unit={b}")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.vn", (await manager.GetAsync($"/Admin/Readiness?handler=Export&format=csv&unit={b}")).Body, StringComparison.Ordinal);
        Assert.Contains("c1.rp@example.vn", (await manager.GetAsync($"/Admin/Readiness?handler=Export&format=csv&unit={a}")).Body, StringComparison.Ordinal);
        var exported = await site.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.AuditEntries.Where(e => e.Action == "certificates.readiness.exported").OrderBy(e => e.Id).Select(e => e.Details)));
        Assert.Equal([$"unit={a} · 1", $"unit={b} · 0", $"unit={b} · 0", $"unit={a} · 1"], exported); // who took the personal data away, every time
        var listTop = await admin.GetAsync("/Admin/Readiness");
        Assert.Contains($"data-commune=\"{province}\"", listTop.Body, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-commune=\"{a}\"", listTop.Body, StringComparison.Ordinal);

        // Commune B: c5 in training, c7 (withdrawn) and c8 not started.
        var bPage = await admin.GetAsync($"/Admin/Reports/Readiness?commune={b}");
        Assert.Equal(HttpStatusCode.OK, bPage.Status);
        Assert.Matches("(?s)<tr data-stage=\"NotStarted\">.*?<td class=\"num\">3</td>.*?data-count=\"NotStarted\">2</a>", bPage.Body);
        Assert.Matches("(?s)<tr data-stage=\"InTraining\">.*?<td class=\"num\">1</td>", bPage.Body);
    }
}
