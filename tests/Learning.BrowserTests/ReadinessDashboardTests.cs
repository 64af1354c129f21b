using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>
/// Issue 13: the readiness dashboard (funnel, table by commune, list) and a cadre's page at 360 px and on a desktop, with a
/// commune and a unit whose Vietnamese names are long. Completions and signatures are written as the modules store them.
/// </summary>
public sealed class ReadinessDashboardTests
{
    private const string Password = "Thunghiem2026x";
    private const string LongCommune = "Phường Vĩnh Nguyên – Vĩnh Trường và đặc khu ven biển Nam Nha Trang mở rộng";
    private const string LongUnit = "Trung tâm Phục vụ hành chính công và Bộ phận tiếp nhận, trả kết quả liên thông cấp xã";

    [Fact]
    public async Task Dashboard_PhoneAndDesktop_LongVietnameseNames_NoSidewaysScroll()
    {
        await using var site = await RunningSite.StartWithRecipeAsync($$"""
        { "name": "readiness-browser", "steps": [
            { "name": "organization", "units": [ { "code": "KH", "name": "Khánh Hòa", "kind": "province", "children": [
                { "code": "KH-VINHNGUYEN", "name": "{{LongCommune}}", "kind": "ward", "children": [
                    { "code": "KH-VINHNGUYEN-HCC", "name": "{{LongUnit}}", "kind": "unit" } ] } ] } ] },
            { "name": "cadres", "cadres": [
                { "email": "ton.nu.huyen.tran@example.vn", "fullName": "Tôn Nữ Thị Huyền Trân Phương Ngọc", "position": "Phó Giám đốc Trung tâm Phục vụ hành chính công", "unit": "KH-VINHNGUYEN-HCC", "phone": "0905111222" },
                { "email": "nguyen.ngoc.yen.vy@example.vn", "fullName": "Nguyễn Ngọc Yến Vy", "position": "Chuyên viên một cửa", "unit": "KH-VINHNGUYEN-HCC", "phone": "0905111333" },
                { "email": "hoang.duc.thuan@example.vn", "fullName": "Hoàng Đức Thuận", "position": "Văn thư – Lưu trữ", "unit": "KH-VINHNGUYEN-HCC", "phone": "0905111444" } ] },
            { "name": "cadreAccounts", "units": ["KH-VINHNGUYEN"] } ] }
        """, new Dictionary<string, string>());
        await SeedAsync(site.DatabasePath);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        foreach (var (width, height, name) in new[] { (360, 740, "360"), (1280, 900, "desktop") })
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = site.BaseUrl,
                ViewportSize = new ViewportSize { Width = width, Height = height },
                IsMobile = width < 400,
                HasTouch = width < 400,
                Locale = "vi-VN",
            });
            var page = await context.NewPageAsync();
            await Journey.SignInAsync(page, "qt@example.vn", "Quantri2026x");
            await page.GotoAsync("/Admin/Readiness");
            await Assertions.Expect(page.Locator("#funnel li")).ToHaveCountAsync(5);
            await Assertions.Expect(page.Locator("#funnel li[data-stage=Ready]")).ToHaveAttributeAsync("data-count", "3");
            await Assertions.Expect(page.Locator("#funnel li[data-stage=Requested]")).ToHaveAttributeAsync("data-count", "2");
            await Assertions.Expect(page.Locator("#funnel li[data-stage=Issued]")).ToHaveAttributeAsync("data-count", "1");
            // The administrator's table starts at the provinces; opening Khánh Hòa lists its communes, the long name among them.
            await Assertions.Expect(page.Locator("#by-commune")).Not.ToContainTextAsync(LongCommune);
            await page.Locator("#by-commune a[data-open]", new PageLocatorOptions { HasText = "Khánh Hòa" }).ClickAsync();
            await Assertions.Expect(page.Locator("#by-commune")).ToContainTextAsync(LongCommune);
            await Assertions.Expect(page.Locator("#funnel li[data-stage=Ready]")).ToHaveAttributeAsync("data-count", "3");
            Assert.True(await page.EvaluateAsync<bool>($"document.documentElement.scrollWidth <= {width}"), $"the dashboard scrolls sideways at {width} px");
            await Browser.ScreenshotAsync(page, $"readiness-dashboard-{name}");

            await page.SelectOptionAsync("select[name=state]", "Ready");
            await page.ClickAsync("#readiness-filters button[type=submit]");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("state=Ready"));
            await Assertions.Expect(page.Locator("#cadres tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#cadres")).ToContainTextAsync("Hoàng Đức Thuận");
            await Browser.ScreenshotAsync(page, $"readiness-ready-list-{name}");

            await page.GotoAsync("/Admin/Readiness?state=Expiring");
            await page.ClickAsync("#cadres a");
            await Assertions.Expect(page.Locator("#cadre-state")).ToHaveAttributeAsync("data-state", "Expiring");
            await Assertions.Expect(page.Locator("#history li")).ToHaveCountAsync(0);
            Assert.True(await page.EvaluateAsync<bool>($"document.documentElement.scrollWidth <= {width}"), $"the cadre page scrolls sideways at {width} px");
            await Browser.ScreenshotAsync(page, $"readiness-cadre-{name}");
            await context.CloseAsync();
        }
    }

    /// <summary>
    /// The three new cadres completed the readiness path; one of them is requested, another holds a signature expiring in ten
    /// days. Written as the courses and certificates modules store them.
    /// </summary>
    private static async Task SeedAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var validTo = DateTime.UtcNow.AddHours(7).AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO courses_enrollment ("UserId", "CourseId", "Source", "EnrolledUtc", "CompletedUtc", "CompletedLessons", "RequiredLessons")
            SELECT u."Id", pc."CourseId", 0, '{now}', '{now}', 1, 1
            FROM org_cadre c JOIN identity_user u ON u."NormalizedEmail" = upper(c."Email"), courses_path_course pc JOIN courses_path p ON p."Id" = pc."PathId"
            WHERE c."Email" IN ('ton.nu.huyen.tran@example.vn', 'nguyen.ngoc.yen.vy@example.vn', 'hoang.duc.thuan@example.vn') AND p."Slug" = 'san-sang-ky-so'
              AND NOT EXISTS (SELECT 1 FROM courses_enrollment e WHERE e."UserId" = u."Id" AND e."CourseId" = pc."CourseId");
            INSERT INTO certificates_signatures ("CadreId", "RequestedUtc", "RequestedBy", "UpdatedUtc")
            SELECT "Id", '{now}', 'qt@example.vn', '{now}' FROM org_cadre WHERE "Email" = 'nguyen.ngoc.yen.vy@example.vn';
            INSERT INTO certificates_signatures ("CadreId", "RequestedUtc", "RequestedBy", "Serial", "Provider", "ValidFrom", "ValidTo", "IssuedRecordedUtc", "UpdatedUtc")
            SELECT "Id", '{now}', 'qt@example.vn', '5404FFFE00112233', 'Ban Cơ yếu Chính phủ', '2023-12-12', '{validTo}', '{now}', '{now}' FROM org_cadre WHERE "Email" = 'ton.nu.huyen.tran@example.vn';
            """;
        Assert.True(await command.ExecuteNonQueryAsync() >= 9 + 2);
    }
}
