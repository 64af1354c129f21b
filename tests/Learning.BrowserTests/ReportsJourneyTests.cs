using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>
/// Issue 14: a commune manager filters the completion report to "not started", sees the charts (inline SVG), drills down to the
/// cadres behind a number and opens one cadre's record, at 360 px and on a desktop. The demo recipe's simulated learning gives
/// the numbers.
/// </summary>
public sealed class ReportsJourneyTests
{
    private const string Password = "Thunghiem2026x";
    private const string Manager = "ql.baocao.nhatrang@example.vn";
    private const string Admin = "qt.baocao@example.vn";

    [Fact]
    public async Task CommuneManager_FiltersNotStarted_SeesCharts_DrillsDownToACadre_PhoneAndDesktop()
    {
        await using var site = await RunningSite.StartWithRecipeAsync($$"""
        { "name": "reports-journey", "steps": [
            { "name": "users", "users": [
                { "email": "{{Manager}}", "displayName": "Quản lý báo cáo Nha Trang", "roles": ["Manager"], "passwordEnv": "JOURNEY_PASSWORD" },
                { "email": "{{Admin}}", "displayName": "Quản trị báo cáo", "roles": ["Administrator"], "passwordEnv": "JOURNEY_PASSWORD" } ] },
            { "name": "scopes", "scopes": [ { "user": "{{Manager}}", "unit": "KH-NHATRANG" } ] },
            { "name": "reports-demo-learning", "weeks": 8, "seed": 14 } ] }
        """, new Dictionary<string, string>
        {
            ["JOURNEY_PASSWORD"] = Password,
            ["Learning__Reports__Snapshots__AfterMilliseconds"] = "0", // the landing view is kept after its first count (ADR-031)
        });

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
            await Journey.SignInAsync(page, Manager, Password);
            await page.GotoAsync("/Admin/Reports");
            await Assertions.Expect(page.Locator("#demo-notice")).ToContainTextAsync("MÔ PHỎNG"); // the demo data says it is not real
            await Assertions.Expect(page.Locator("#groups tbody tr")).ToHaveCountAsync(1); // their commune alone
            await Assertions.Expect(page.Locator("svg#chart-rate rect.bar")).ToHaveCountAsync(1);
            // The bar is drawn as wide as its rate (a theme rule for another .bar once set it to zero width).
            Assert.True(await page.EvaluateAsync<double>("document.querySelector('svg#chart-rate rect.bar').getBoundingClientRect().width") > 10, "the completion bar has no width");
            await Assertions.Expect(page.Locator("svg#chart-weekly circle.point")).ToHaveCountAsync(12);
            Assert.True(await page.EvaluateAsync<bool>($"document.documentElement.scrollWidth <= {width}"), $"the report scrolls sideways at {width} px");
            await Browser.ScreenshotAsync(page, $"reports-completion-{name}");

            // The same commune by course: a row and a bar per course the demo cadres are enrolled in.
            await page.ClickAsync("#by-course");
            await Assertions.Expect(page.Locator("#by-unit")).ToBeVisibleAsync();
            Assert.True(await page.Locator("#groups tbody tr").CountAsync() > 1, "one row per course");
            Assert.Equal(await page.Locator("#groups tbody tr").CountAsync(), await page.Locator("svg#chart-rate rect.bar").CountAsync());
            Assert.True(await page.EvaluateAsync<bool>($"document.documentElement.scrollWidth <= {width}"), $"the report by course scrolls sideways at {width} px");
            await Browser.ScreenshotAsync(page, $"reports-by-course-{name}");

            // Opened again, the landing view is the kept one: the same numbers, with when they were counted and a link to count now.
            await page.GotoAsync("/Admin/Reports");
            await Assertions.Expect(page.Locator("#kept-note")).ToContainTextAsync("Số liệu tính lúc");
            await Assertions.Expect(page.Locator("#groups tbody tr")).ToHaveCountAsync(1);
            Assert.True(await page.EvaluateAsync<bool>($"document.documentElement.scrollWidth <= {width}"), $"the kept report scrolls sideways at {width} px");
            await Browser.ScreenshotAsync(page, $"reports-kept-{name}");
            await page.ClickAsync("#count-now");
            await Assertions.Expect(page.Locator("#groups tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#kept-note")).ToHaveCountAsync(0);

            await page.SelectOptionAsync("#filter-status", "NotStarted");
            await page.ClickAsync("#apply-filters");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=NotStarted"));
            var count = page.Locator("#groups tbody tr a[data-count=NotStarted]").First;
            var expected = int.Parse(await count.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(expected > 0, "the demo data has cadres who have not started");
            await Assertions.Expect(page.Locator("svg#chart-rate")).ToBeVisibleAsync();
            await Browser.ScreenshotAsync(page, $"reports-not-started-{name}");

            // The filtered report, downloaded as a spreadsheet from the page's own link: a real XLSX (a zip of worksheets)
            // holding the not-started cadres in Vietnamese; read back below, once the drill-down has named one of them.
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-xlsx"));
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
            var sheets = new System.Text.StringBuilder();
            var saved = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.xlsx");
            await download.SaveAsAsync(saved);
            using (var zip = System.IO.Compression.ZipFile.OpenRead(saved))
            {
                foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
                {
                    using var reader = new StreamReader(entry.Open());
                    sheets.Append(await reader.ReadToEndAsync());
                }
            }

            File.Delete(saved);
            Assert.Contains("Chưa bắt đầu", sheets.ToString(), StringComparison.Ordinal);

            await count.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Admin/Reports/Cadres"));
            await Assertions.Expect(page.Locator("#cadres tbody tr")).ToHaveCountAsync(Math.Min(expected, 50));
            await Assertions.Expect(page.Locator("#cadres tbody tr[data-status=NotStarted]")).ToHaveCountAsync(Math.Min(expected, 50));
            Assert.True(await page.EvaluateAsync<bool>($"document.documentElement.scrollWidth <= {width}"), $"the list scrolls sideways at {width} px");
            await Browser.ScreenshotAsync(page, $"reports-cadres-{name}");

            var cadre = page.Locator("#cadres a.cadre-link").First;
            var fullName = await cadre.InnerTextAsync();
            Assert.Contains(System.Security.SecurityElement.Escape(fullName), sheets.ToString(), StringComparison.Ordinal); // the same cadre, in the download
            await cadre.ClickAsync();
            await Assertions.Expect(page.Locator("#cadre-name")).ToHaveTextAsync(fullName);
            await Assertions.Expect(page.Locator("#cadre-courses tbody tr[data-status=NotStarted]").First).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>($"document.documentElement.scrollWidth <= {width}"), $"the record scrolls sideways at {width} px");
            await Browser.ScreenshotAsync(page, $"reports-cadre-{name}");

            // The training hours, with their downloads.
            await page.GotoAsync("/Admin/Reports/Hours");
            await Assertions.Expect(page.Locator("#hours-export a#export-xlsx")).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>($"document.documentElement.scrollWidth <= {width}"), $"the hours scroll sideways at {width} px");
            await Browser.ScreenshotAsync(page, $"reports-hours-{name}");
            await context.CloseAsync();
        }

        // An administrator removes the simulated learning: confirmed by a tick, then every report holds real figures only.
        var phone = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseUrl,
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
            Locale = "vi-VN",
        });
        var admin = await phone.NewPageAsync();
        await Journey.SignInAsync(admin, Admin, Password);
        await admin.GotoAsync("/Admin");
        var card = admin.Locator(".stat", new() { HasText = "Dữ liệu học tập MÔ PHỎNG" });
        await Assertions.Expect(card).ToBeVisibleAsync(); // the dashboard says it first
        await Browser.ScreenshotAsync(admin, "reports-demo-dashboard-360");
        await card.Locator("a[href='/Admin/Reports/Demo']").ClickAsync();
        await Assertions.Expect(admin.Locator("#demo-facts")).ToContainTextAsync("lượt ghi danh");
        Assert.True(await admin.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the demo page scrolls sideways at 360 px");
        await Browser.ScreenshotAsync(admin, "reports-demo-360");
        await admin.CheckAsync("#demo-remove input[name=confirm]");
        await admin.ClickAsync("#demo-remove button[type=submit]");
        await Assertions.Expect(admin.Locator("#removed")).ToContainTextAsync("Đã xoá");
        await Assertions.Expect(admin.Locator("#demo-none")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(admin, "reports-demo-removed-360");
        await admin.GotoAsync("/Admin/Reports");
        await Assertions.Expect(admin.Locator("#groups")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("#demo-notice")).ToHaveCountAsync(0);
        await phone.CloseAsync();
    }
}
