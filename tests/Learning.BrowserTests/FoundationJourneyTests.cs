using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Learning.BrowserTests;

public sealed class FoundationJourneyTests
{
    [Fact]
    public async Task Administrator_SetsUpSite_ImportsCadres_AndCommuneManagerSeesOnlyTheirCommune()
    {
        await using var site = await RunningSite.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        // 1. A fresh site leads to the setup page.
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Setup$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thiết lập trang");
        await page.FillAsync("input[name=siteName]", "Học tập số Khánh Hòa – Thanh Hóa");
        await page.FillAsync("input[name=adminName]", "Quản trị tỉnh");
        await page.FillAsync("input[name=adminEmail]", "quantri@example.vn");
        await page.FillAsync("input[name=password]", "Quantri2026x");
        await page.FillAsync("input[name=passwordConfirm]", "Quantri2026x");
        await page.SelectOptionAsync("select[name=recipe]", "setup");
        await Browser.ScreenshotAsync(page, "01-setup");
        await page.ClickAsync("#setup-form button[type=submit]");

        // 2. Sign in as administrator and see the Vietnamese dashboard.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await page.FillAsync("#login-form input[name=email]", "quantri@example.vn");
        await page.FillAsync("#login-form input[name=password]", "Quantri2026x");
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Admin$"));
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Bảng điều khiển");
        await Assertions.Expect(page.Locator("#dashboard")).ToContainTextAsync("Cán bộ, công chức");
        await Browser.ScreenshotAsync(page, "02-dashboard");

        // 3. Import the cadre CSV.
        await page.GotoAsync("/Admin/Organization/Cadres/Import");
        await page.SetInputFilesAsync("input[type=file]", RepositoryRoot.File("content-recipes", "demo-cadres.csv"));
        await page.ClickAsync("#import-form button[type=submit]");
        // The import runs as a background job; the page follows its progress and shows the outcome.
        await Assertions.Expect(page.Locator("#import-success")).ToContainTextAsync("thêm mới 6", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });

        // 4. The imported cadres are listed, Vietnamese names intact.
        await page.GotoAsync("/Admin/Organization/Cadres");
        await Assertions.Expect(page.Locator("#cadre-count")).ToHaveTextAsync("30 cán bộ");
        await Assertions.Expect(page.Locator("#cadres")).ToContainTextAsync("Trần Thị Bích Ngọc");
        await Assertions.Expect(page.Locator("#cadres")).ToContainTextAsync("Lê Đình Quyết");
        var foreignHref = await page.Locator("#cadres a", new PageLocatorOptions { HasText = "Lê Đình Quyết" }).GetAttributeAsync("href");
        Assert.Matches("^/Admin/Organization/Cadres/\\d+$", foreignHref);

        // 5. Create a commune manager for Nha Trang.
        await page.GotoAsync("/Admin/Users/Create");
        await page.FillAsync("input[name=email]", "ql.nhatrang@example.vn");
        await page.FillAsync("input[name=displayName]", "Quản lý phường Nha Trang");
        await page.FillAsync("input[name=password]", "Nhatrang2026x");
        await page.UncheckAsync("input[name=roles][value=Cadre]");
        await page.CheckAsync("input[name=roles][value=Manager]");
        await page.ClickAsync("#user-form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Admin/Users/Edit/"));

        await page.GotoAsync("/Admin/Organization/Scopes");
        await page.FillAsync("#scope-form input[name=email]", "ql.nhatrang@example.vn");
        await page.SelectOptionAsync("#scope-form select[name=unitId]", new SelectOptionValue { Label = "— Nha Trang (KH-NHATRANG)" });
        await page.ClickAsync("#scope-form button[type=submit]");
        await Assertions.Expect(page.Locator("#scopes")).ToContainTextAsync("ql.nhatrang@example.vn");

        // 6. Sign out, sign in as the manager: Nha Trang only, and Thanh Hóa's cadre by URL is a 404.
        await Journey.SignOutAsync(page);
        await Journey.SignInAsync(page, "ql.nhatrang@example.vn", "Nhatrang2026x");
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync("/Admin/Organization/Cadres");
        await Assertions.Expect(page.Locator("#cadres")).ToContainTextAsync("Trần Thị Bích Ngọc");
        await Assertions.Expect(page.Locator("#cadres")).Not.ToContainTextAsync("Lê Đình Quyết");
        await Assertions.Expect(page.Locator("#cadres")).Not.ToContainTextAsync("Thanh Hóa");
        await Browser.ScreenshotAsync(page, "03-manager-cadres-phone");

        var response = await page.GotoAsync(foreignHref!);
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Không tìm thấy trang");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Lê Đình Quyết");
    }
}
