using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>Issue 13: a 50 MB file dropped on the public verification form, in Chromium: the page says it is too large and by
/// how much it may weigh (not a reset connection, nor a bare 400 or 413).</summary>
public sealed class VerifyUploadTooLargeTests
{
    [Fact]
    public async Task FiftyMegabyteUpload_ShowsTheLocalizedTooLargePage()
    {
        await using var site = await RunningSite.StartAsync(null,
            ["setup", "--recipe", "setup", "--admin-email", "qt@example.vn", "--admin-password", "Quantri2026x"]);
        var file = Path.Combine(Path.GetTempPath(), $"lon-{Guid.NewGuid():N}.pdf");
        await using (var stream = File.Create(file))
        {
            await stream.WriteAsync("%PDF-1.7\n"u8.ToArray());
            stream.SetLength(50L * 1024 * 1024);
        }

        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Browser.LaunchAsync(playwright);
            var page = await browser.NewPageAsync(new BrowserNewPageOptions
            {
                BaseURL = site.BaseUrl,
                ViewportSize = new ViewportSize { Width = 360, Height = 740 },
                Locale = "vi-VN",
            });
            await page.GotoAsync("/verify");
            await page.SetInputFilesAsync("#upload-form input[type=file]", file);
            await page.ClickAsync("#upload");
            await Assertions.Expect(page.Locator("#verify-error")).ToContainTextAsync("Tệp quá lớn: chỉ nhận tệp tối đa 10 MB");
            await Assertions.Expect(page.Locator("#upload-form")).ToBeVisibleAsync();
            await Browser.ScreenshotAsync(page, "13-verify-too-large-360");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
