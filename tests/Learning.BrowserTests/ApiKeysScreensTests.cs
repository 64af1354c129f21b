using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>
/// Issue 14: the data-interface page (API keys, and forwarding to the province's LRS) as an administrator sees it when that LRS
/// cannot be reached: the statements kept and counted, the last error shown; at 360 px and on a desktop. Screenshots
/// artifacts/screenshots/14-api-keys-*.png for a person to look at.
/// </summary>
public sealed class ApiKeysScreensTests
{
    private const string Admin = "qt@example.vn";
    private const string Password = "Quantri2026x";

    [Fact]
    public async Task ApiKeysPage_LrsUnreachable_ShowsWaitingStatementsAndTheError_At360AndDesktop()
    {
        // Nobody listens on this port: every forwarding run fails with a refused connection.
        var lrs = $"http://127.0.0.1:{RunningSite.FreePort()}/xapi/";
        await using var site = await RunningSite.StartAsync(new Dictionary<string, string>
        {
            ["Learning__Reports__Lrs__Endpoint"] = lrs,
            ["Learning__Reports__Lrs__Key"] = "hoc-tap",
            ["Learning__Reports__Lrs__Secret"] = "bi-mat",
            ["Learning__Reports__Lrs__IntervalSeconds"] = "5",
            ["Learning__Reports__Api__SettleSeconds"] = "0",
        }, ["setup", "--recipe", "setup", "--admin-email", Admin, "--admin-password", Password]);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await Browser.PhonePageAsync(browser, site.BaseUrl);
        await Journey.SignInAsync(page, Admin, Password);

        // A key for the warehouse, shown once.
        await page.GotoAsync("/Admin/Reports/api-clients");
        await page.FillAsync("#issue input[name=Name]", "Kho dữ liệu Sở Thông tin và Truyền thông tỉnh Khánh Hòa");
        await page.Locator("#issue select[name=UnitId]").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.ClickAsync("#issue button[type=submit]");
        await Assertions.Expect(page.Locator("#issued-secret")).ToBeVisibleAsync();
        var keyId = (await page.Locator("#issued-key").InnerTextAsync()).Trim();
        var secret = (await page.Locator("#issued-secret").InnerTextAsync()).Trim();

        // Reloading the page sends the form again: no second key, and a message that says why.
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("Không cấp khóa thứ hai");
        await Assertions.Expect(page.Locator("#clients li")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "14-api-keys-reloaded-360");

        // The recurring job has tried the LRS (every 5 s here): the error and the waiting count are on the page.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await page.Locator("#lrs-error").CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            await page.GotoAsync("/Admin/Reports/api-clients");
        }

        await Assertions.Expect(page.Locator("#lrs-error")).ToContainTextAsync("Các câu lệnh được giữ lại");
        await Assertions.Expect(page.Locator("#lrs-counts")).ToContainTextAsync("Đã gửi 0 câu lệnh");
        await Assertions.Expect(page.Locator("#lrs-forwarding")).ToContainTextAsync(lrs);
        await Journey.AssertNoHorizontalScrollAsync(page);
        await page.Locator("#lrs-forwarding").ScrollIntoViewIfNeededAsync();
        await Browser.ScreenshotAsync(page, "14-api-keys-lrs-360");

        // The warehouse uses the key (and once with a wrong secret); the key's card gets its own limit; its access log lists
        // every request, the refused one marked.
        using (var warehouse = new HttpClient { BaseAddress = new Uri(site.BaseUrl) })
        {
            warehouse.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
            foreach (var (pass, url) in new[] { (secret, "/xapi/statements?limit=50"), (secret, "/api/reports/completion?limit=100"), (secret + "x", "/xapi/statements") })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{keyId}:{pass}")));
                using var response = await warehouse.SendAsync(request);
                Assert.Equal(pass == secret ? System.Net.HttpStatusCode.OK : System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }

        await page.GotoAsync("/Admin/Reports/api-clients");
        await page.FillAsync(".client-limit-form input[name=RequestsPerMinute]", "120");
        await page.ClickAsync(".client-limit-form button[type=submit]");
        await Assertions.Expect(page.Locator("#limit-saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".client-limit")).ToContainTextAsync("Giới hạn riêng: 120 yêu cầu mỗi phút");
        await page.ClickAsync(".client-log");
        for (var i = 0; i < 20 && await page.Locator("#api-log tbody tr").CountAsync() < 3; i++)
        {
            await Task.Delay(250); // the log is written a fraction of a second after the answers
            await page.ReloadAsync();
        }

        await Assertions.Expect(page.Locator("#api-log tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#log-summary")).ToContainTextAsync("3 yêu cầu, trong đó 1 bị từ chối");
        await Assertions.Expect(page.Locator("#api-log tbody tr.refused")).ToContainTextAsync("401");
        await Journey.AssertNoHorizontalScrollAsync(page);
        await Browser.ScreenshotAsync(page, "14-api-log-360");

        await page.SetViewportSizeAsync(1280, 900);
        await Browser.ScreenshotAsync(page, "14-api-log-desktop");
        await page.GotoAsync("/Admin/Reports/api-clients");
        await Journey.AssertNoHorizontalScrollAsync(page);
        await Browser.ScreenshotAsync(page, "14-api-keys-lrs-desktop");
    }
}
