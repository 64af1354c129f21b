using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>Debian's Chromium driven by Playwright; no browser download (`playwright install` is never run).</summary>
public static class Browser
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LEARNING_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

    /// <summary>Screenshots go to artifacts/screenshots so a person can look at what the test saw.</summary>
    public static Task ScreenshotAsync(IPage page, string name)
    {
        var folder = RepositoryRoot.File("artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>A page in a 360 × 740 Vietnamese context at scale 1: the screens tests' phone (their screenshots at true size).</summary>
    public static async Task<IPage> PhonePageAsync(IBrowser browser, string baseUrl)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            DeviceScaleFactor = 1,
            Locale = "vi-VN",
        });
        return await context.NewPageAsync();
    }
}
