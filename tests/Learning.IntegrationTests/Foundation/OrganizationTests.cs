using System.Net;
using System.Text;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Organization.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Foundation;

public sealed class OrganizationTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CadreCsv_BadRowAmongGoodOnes_ReportsLinesAndImportsNothing_ThenGoodFileImports(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var client = site.CreateSiteClient();
        await client.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);

        var bad = await site.ImportCadresAsync(client, "bad.csv", await File.ReadAllBytesAsync(Databases.ContentRecipes("demo-cadres-bad.csv")));
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Contains("id=\"import-errors\"", bad.Body, StringComparison.Ordinal);
        Assert.Contains("<td>4</td><td>unitCode</td>", bad.Body, StringComparison.Ordinal);
        Assert.Contains("<td>4</td><td>joinedOn</td>", bad.Body, StringComparison.Ordinal);
        Assert.Contains("KH-KHONGTONTAI", bad.Body, StringComparison.Ordinal);
        Assert.Equal(24, await site.WithDbAsync(db => db.Set<Cadre>().CountAsync()));

        var good = await site.ImportCadresAsync(client, "good.csv", await File.ReadAllBytesAsync(Databases.ContentRecipes("demo-cadres.csv")));
        Assert.Contains("id=\"import-success\"", good.Body, StringComparison.Ordinal);
        Assert.Equal(30, await site.WithDbAsync(db => db.Set<Cadre>().CountAsync()));

        var again = await site.ImportCadresAsync(client, "good.csv", await File.ReadAllBytesAsync(Databases.ContentRecipes("demo-cadres.csv")));
        Assert.Contains("thêm mới 0, cập nhật 0", again.Body, StringComparison.Ordinal);
        Assert.Equal(30, await site.WithDbAsync(db => db.Set<Cadre>().CountAsync()));

        var audit = await site.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Contains("organization.cadres.import_rejected", audit);
        Assert.Contains("organization.cadres.imported", audit);
    }

    /// <summary>Issue 9, item 7: a large file is imported by a background job whose progress and outcome only its uploader sees.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CadreCsv_LargeFile_RunsAsAJob_WithProgressAndOutcome_SeenOnlyByItsUploader(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await Learning.IntegrationTests.Security.MatrixSite.CreateStaffAsync(site);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var csv = new StringBuilder("email,fullName,position,unitCode\n");
        for (var i = 0; i < 3000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"can.bo.{i}@example.vn,Nguyễn Văn Số {i},Công chức Văn phòng – Thống kê,KH-NHATRANG-VP\n");
        }

        var posted = await admin.PostFileAsync("/Admin/Organization/Cadres/Import", "file", "tinh.csv", Encoding.UTF8.GetBytes(csv.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, posted.Status); // the request returns at once; nothing is imported yet
        Assert.Equal(24, await site.WithDbAsync(db => db.Set<Cadre>().CountAsync()));
        var waiting = await admin.GetAsync(posted.Location!);
        Assert.Contains("id=\"import-progress\"", waiting.Body, StringComparison.Ordinal);
        Assert.Contains("Đang kiểm tra và nhập tệp", waiting.Body, StringComparison.Ordinal);
        var job = posted.Location!.Split("job=")[1];
        var status = await admin.GetAsync($"/Admin/Organization/Cadres/Import?handler=Status&job={job}");
        Assert.Contains("\"done\":false", status.Body, StringComparison.Ordinal);

        // Someone else who may import cadres cannot watch it.
        using var manager = await site.SignedInAsync(Learning.IntegrationTests.Security.MatrixSite.ManagerCommuneEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync(posted.Location!)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/Admin/Organization/Cadres/Import?handler=Status&job={job}")).Status);

        var worker = site.Services.GetRequiredService<Learning.Data.Jobs.JobWorker>();
        Assert.True(await worker.RunOnceAsync(CancellationToken.None));
        status = await admin.GetAsync($"/Admin/Organization/Cadres/Import?handler=Status&job={job}");
        Assert.Contains("\"done\":true", status.Body, StringComparison.Ordinal);
        Assert.Contains("\"progress\":100", status.Body, StringComparison.Ordinal);
        var done = await admin.GetAsync(posted.Location!);
        Assert.Contains("thêm mới 3000, cập nhật 0", done.Body, StringComparison.Ordinal);
        Assert.Equal(3024, await site.WithDbAsync(db => db.Set<Cadre>().CountAsync()));
        var audit = await site.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "organization.cadres.imported" && a.Subject == "tinh.csv").Select(a => a.UserName).SingleAsync());
        Assert.Equal(TestSite.AdminEmail, audit); // recorded as the uploader, though a job did it
    }

    /// <summary>Issue 10, item 5: people searches match with and without marks and case, on both databases.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task PeopleSearch_MatchesVietnameseNamesWithAndWithoutMarks(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        const string minh = "le.van.minh.nhatrang@example.vn"; // "Lê Văn Minh", a cadre with an account in the demo setup
        var cadreLink = $"/Admin/Organization/Cadres/{await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.Email == minh).Select(c => c.Id).SingleAsync())}\"";
        foreach (var q in new[] { "Lê Văn Minh", "le van minh", "LÊ VĂN", "văn minh", "MINH" })
        {
            Assert.True((await admin.GetAsync("/Admin/Users?q=" + Uri.EscapeDataString(q))).Body.Contains(minh, StringComparison.Ordinal), "accounts: " + q);
            Assert.True((await admin.GetAsync("/Admin/Organization/Cadres?q=" + Uri.EscapeDataString(q))).Body.Contains(cadreLink, StringComparison.Ordinal), "cadres: " + q);
        }

        Assert.DoesNotContain(minh, (await admin.GetAsync("/Admin/Users?q=ngoc")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain(cadreLink, (await admin.GetAsync("/Admin/Organization/Cadres?q=ngoc")).Body, StringComparison.Ordinal);

        // Rows saved before the column existed are filled when the database is migrated.
        await site.WithDbAsync(db => db.Set<Cadre>().ExecuteUpdateAsync(s => s.SetProperty(c => c.SearchText, (string?)null)));
        var filled = await site.WithDbAsync(db => db.FillSearchTextAsync(CancellationToken.None));
        Assert.True(filled >= 24, $"{filled} rows filled");
        Assert.Contains(cadreLink, (await admin.GetAsync("/Admin/Organization/Cadres?q=le+van+minh")).Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CadreCsv_NotUtf8OrMissingColumns_GetsAClearError(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var client = site.CreateSiteClient();
        await client.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);

        var latin1 = Encoding.Latin1.GetBytes("email,fullName,unitCode\nx@example.vn,Lê Văn Ánh,KH-NHATRANG-VP\n");
        var notUtf8 = await site.ImportCadresAsync(client, "latin1.csv", latin1);
        Assert.Contains("không phải UTF-8", notUtf8.Body, StringComparison.Ordinal);

        var noColumns = await site.ImportCadresAsync(client, "cols.csv", Encoding.UTF8.GetBytes("name,phone\nA,0900000000\n"));
        Assert.Contains("Thiếu cột bắt buộc", noColumns.Body, StringComparison.Ordinal);
        Assert.Equal(24, await site.WithDbAsync(db => db.Set<Cadre>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CommuneManager_SeesOnlyTheirCommune_AndOtherCommunesCadreByUrlIs404(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var admin = site.CreateSiteClient();
        await admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);

        var created = await admin.PostFormAsync("/Admin/Users/Create",
            [new("email", "ql.nhatrang@example.vn"), new("displayName", "Quản lý Nha Trang"), new("password", "Nhatrang2026x"), new("roles", "Manager")]);
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var nhaTrang = await site.WithDbAsync(db => db.Set<OrgUnit>().SingleAsync(u => u.Code == "KH-NHATRANG"));
        var assigned = await admin.PostFormAsync("/Admin/Organization/Scopes",
            [new("email", "ql.nhatrang@example.vn"), new("unitId", nhaTrang.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/Admin/Organization/Scopes?handler=Add");
        Assert.Contains("alert-success", assigned.Body, StringComparison.Ordinal);

        var own = await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.OrgPath.StartsWith(nhaTrang.Path)).Select(c => new { c.Id, c.FullName }).ToListAsync());
        var other = await site.WithDbAsync(db => db.Set<Cadre>().Where(c => !c.OrgPath.StartsWith(nhaTrang.Path)).Select(c => new { c.Id, c.FullName }).ToListAsync());
        Assert.NotEmpty(own);
        Assert.NotEmpty(other);

        using var manager = site.CreateSiteClient();
        Assert.Equal(HttpStatusCode.Redirect, await manager.SignInAsync("ql.nhatrang@example.vn", "Nhatrang2026x"));
        var list = await manager.GetAsync("/Admin/Organization/Cadres");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.All(own, c => Assert.Contains(c.FullName, list.Body, StringComparison.Ordinal));
        Assert.All(other, c => Assert.DoesNotContain(c.FullName, list.Body, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/Admin/Organization/Cadres/{own[0].Id}")).Status);
        var foreign = await manager.GetAsync($"/Admin/Organization/Cadres/{other[0].Id}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.DoesNotContain(other[0].FullName, foreign.Body, StringComparison.Ordinal);

        var export = await manager.GetAsync("/Admin/Organization/export.recipe.json");
        Assert.All(other, c => Assert.DoesNotContain(c.FullName, export.Body, StringComparison.Ordinal));

        // A manager cannot manage accounts or scopes, and cannot import into another commune.
        await manager.AssertForbiddenAsync("/Admin/Users");
        await manager.AssertForbiddenAsync("/Admin/Organization/Scopes");
        var foreignImport = await site.ImportCadresAsync(manager, "x.csv",
            Encoding.UTF8.GetBytes("email,fullName,unitCode\nla@example.vn,Lê Văn Lạ,TH-HACTHANH-VP\n"));
        Assert.Contains("ngoài phạm vi", foreignImport.Body, StringComparison.Ordinal);
        Assert.False(await site.WithDbAsync(db => db.Set<Cadre>().AnyAsync(c => c.Email == "la@example.vn")));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Cadre_WithoutAnyRole_CannotOpenAdmin(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var admin = site.CreateSiteClient();
        await admin.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        await admin.PostFormAsync("/Admin/Users/Create", [new("email", "hv@example.vn"), new("displayName", "Học viên"), new("password", "Hocvien2026x"), new("roles", "Cadre")]);

        using var cadre = site.CreateSiteClient();
        await cadre.SignInAsync("hv@example.vn", "Hocvien2026x");

        await cadre.AssertForbiddenAsync("/Admin");
        await cadre.AssertForbiddenAsync("/Admin/Organization/Cadres");
        Assert.Equal(HttpStatusCode.Redirect, (await site.CreateSiteClient().GetAsync("/Admin/Organization/Cadres")).Status);
    }
}
