using System.Net;
using System.Text;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Organization.Data;
using Microsoft.EntityFrameworkCore;

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

        var bad = await client.PostFileAsync("/Admin/Organization/Cadres/Import", "file", "bad.csv", await File.ReadAllBytesAsync(Databases.ContentRecipes("demo-cadres-bad.csv")));
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Contains("id=\"import-errors\"", bad.Body, StringComparison.Ordinal);
        Assert.Contains("<td>4</td><td>unitCode</td>", bad.Body, StringComparison.Ordinal);
        Assert.Contains("<td>4</td><td>joinedOn</td>", bad.Body, StringComparison.Ordinal);
        Assert.Contains("KH-KHONGTONTAI", bad.Body, StringComparison.Ordinal);
        Assert.Equal(24, await site.WithDbAsync(db => db.Set<Cadre>().CountAsync()));

        var good = await client.PostFileAsync("/Admin/Organization/Cadres/Import", "file", "good.csv", await File.ReadAllBytesAsync(Databases.ContentRecipes("demo-cadres.csv")));
        Assert.Contains("id=\"import-success\"", good.Body, StringComparison.Ordinal);
        Assert.Equal(30, await site.WithDbAsync(db => db.Set<Cadre>().CountAsync()));

        var again = await client.PostFileAsync("/Admin/Organization/Cadres/Import", "file", "good.csv", await File.ReadAllBytesAsync(Databases.ContentRecipes("demo-cadres.csv")));
        Assert.Contains("thêm mới 0, cập nhật 0", again.Body, StringComparison.Ordinal);
        Assert.Equal(30, await site.WithDbAsync(db => db.Set<Cadre>().CountAsync()));

        var audit = await site.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Contains("organization.cadres.import_rejected", audit);
        Assert.Contains("organization.cadres.imported", audit);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CadreCsv_NotUtf8OrMissingColumns_GetsAClearError(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var client = site.CreateSiteClient();
        await client.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);

        var latin1 = Encoding.Latin1.GetBytes("email,fullName,unitCode\nx@example.vn,Lê Văn Ánh,KH-NHATRANG-VP\n");
        var notUtf8 = await client.PostFileAsync("/Admin/Organization/Cadres/Import", "file", "latin1.csv", latin1);
        Assert.Contains("không phải UTF-8", notUtf8.Body, StringComparison.Ordinal);

        var noColumns = await client.PostFileAsync("/Admin/Organization/Cadres/Import", "file", "cols.csv", Encoding.UTF8.GetBytes("name,phone\nA,0900000000\n"));
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
        var foreignImport = await manager.PostFileAsync("/Admin/Organization/Cadres/Import", "file", "x.csv",
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
