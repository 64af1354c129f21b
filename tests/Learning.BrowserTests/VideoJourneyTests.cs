using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Learning.BrowserTests;

public sealed class VideoJourneyTests
{
    private const string Password = "Thunghiem2026x";
    private const string CourseTitle = "Ký số hồ sơ qua video";

    [Fact]
    public async Task Trainer_UploadsAClip_CadreWatchesIt_AndTheLessonCompletesOnlyAfterEnoughUniqueSeconds()
    {
        var folder = Directory.CreateTempSubdirectory("learning-video-journey-").FullName;
        var clip = Path.Combine(folder, "huong-dan-ky-so.mp4");
        await RunAsync("ffmpeg", $"-v error -y -f lavfi -i testsrc2=size=640x360:rate=25:duration=12 -f lavfi -i sine=frequency=440:duration=12 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest \"{clip}\"");
        var recipe = Path.Combine(folder, "journey.recipe.json");
        await File.WriteAllTextAsync(recipe, """
        { "name": "journey", "steps": [
            { "name": "cadres", "cadres": [ { "email": "hoc.vien@example.vn", "fullName": "Đặng Thị Học Viên", "position": "Công chức Văn phòng – Thống kê", "unit": "KH-NHATRANG-VP" } ] },
            { "name": "users", "users": [
                { "email": "giang.vien@example.vn", "displayName": "Giảng viên Sở Nội vụ", "roles": ["Trainer"], "passwordEnv": "JOURNEY_PASSWORD" },
                { "email": "hoc.vien@example.vn", "displayName": "Đặng Thị Học Viên", "roles": ["Cadre"], "passwordEnv": "JOURNEY_PASSWORD" } ] },
            { "name": "scopes", "scopes": [ { "user": "giang.vien@example.vn", "unit": "KH" } ] } ] }
        """);
        var env = new Dictionary<string, string>
        {
            ["JOURNEY_PASSWORD"] = Password,
            ["Learning__Media__ChunkBytes"] = "131072",
            ["Learning__Media__Preset"] = "ultrafast",
            ["Learning__Jobs__PollMilliseconds"] = "300",
        };
        await using var site = await RunningSite.StartAsync(env,
            ["setup", "--recipe", "setup", "--admin-email", "qt@example.vn", "--admin-password", "Quantri2026x"],
            ["recipe", "run", recipe]);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl });
        var page = await context.NewPageAsync();

        // The trainer uploads the clip in chunks; the connection drops once on the way, and the upload carries on by itself.
        await SignInAsync(page, "giang.vien@example.vn");
        await page.GotoAsync("/Admin/Media");
        var puts = 0;
        await page.RouteAsync(new Regex("/media/uploads/[0-9a-f]+\\?offset="), async route =>
        {
            if (route.Request.Method == "PUT" && Interlocked.Increment(ref puts) == 3)
            {
                await route.AbortAsync("connectionfailed");
                return;
            }

            await route.ContinueAsync();
        });
        await page.FillAsync("#upload-title", "Hướng dẫn ký số hồ sơ");
        await page.SetInputFilesAsync("#upload-file", clip);
        await page.ClickAsync("#upload-start");
        await Assertions.Expect(page.Locator("#upload-status")).ToContainTextAsync("Mất kết nối");
        var row = page.Locator("#videos tr", new PageLocatorOptions { HasText = "Hướng dẫn ký số hồ sơ" });
        await Assertions.Expect(row).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        Assert.True(puts > 3);
        await Browser.ScreenshotAsync(page, "20-video-processing");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "Ready", new LocatorAssertionsToHaveAttributeOptions { Timeout = 90_000 });
        await Assertions.Expect(row).ToContainTextAsync("360p, 240p, audio");
        await Browser.ScreenshotAsync(page, "21-video-ready");
        await page.GotoAsync("/Admin");
        await Browser.ScreenshotAsync(page, "21a-dashboard");
        await page.GotoAsync("/Admin/Media");

        // It belongs to the digital-signature field, so that field's hotlines show beside it.
        await row.Locator("a").First.ClickAsync();
        await page.SelectOptionAsync("#video-form select[name=field]", "digital-signature");
        await page.CheckAsync("#video-form input[name=isHelp]");
        await page.ClickAsync("#video-form button[type=submit]");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Đã lưu");
        await Browser.ScreenshotAsync(page, "21b-video-edit");

        // … and makes it the lesson of a new course, published and assigned to Nha Trang.
        await page.GotoAsync("/Admin/Courses");
        await page.FillAsync("#create-course input[name=title]", CourseTitle);
        await page.ClickAsync("#create-course button");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Admin/Courses/Edit/\\d+$"));
        await page.FillAsync("#add-module input[name=title]", "Chương 1: Xem hướng dẫn");
        await page.ClickAsync("#add-module button");
        var addLesson = page.Locator("#structure section.module").Nth(0).Locator("form.add-lesson");
        await addLesson.Locator("input[name=title]").FillAsync("Video: ký số một hồ sơ");
        await addLesson.Locator("select[name=kind]").SelectOptionAsync("video");
        await addLesson.Locator("button").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Admin/Courses/Lesson/\\d+"));
        await page.SelectOptionAsync("#reference", new SelectOptionValue { Label = "Hướng dẫn ký số hồ sơ" });
        await page.ClickAsync("#save-lesson");
        await Assertions.Expect(page.Locator("#lesson-message")).ToBeVisibleAsync();
        await page.GotoAsync("/Admin/Courses");
        await page.ClickAsync($"#courses a:text('{CourseTitle}')");
        await Journey.PublishAndAssignAsync(page, "KH-NHATRANG");
        await Journey.SignOutAsync(page);

        // The cadre watches on a phone.
        await page.SetViewportSizeAsync(360, 740);
        await SignInAsync(page, "hoc.vien@example.vn");
        await page.GotoAsync("/Learning");
        await page.Locator("#in-progress article", new PageLocatorOptions { HasText = CourseTitle }).Locator("a.btn-primary").ClickAsync();
        var player = page.Locator("#player");
        await Assertions.Expect(player).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#hotlines")).ToContainTextAsync("chữ ký số");

        // Play the first half at double speed, then pause: the batched heartbeat records it, even though the server answers
        // the first heartbeat 503 (as it does while the database restarts): the player sends the batch again.
        var refused = 0;
        await page.RouteAsync("**/media/watch", async route =>
        {
            if (Interlocked.Increment(ref refused) == 1)
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 503, ContentType = "application/problem+json", Body = "{}" });
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await PlayAsync(page, from: 0, until: 6);
        await Assertions.Expect(page.Locator("#watch-progress [data-watched-text]")).ToContainTextAsync(new Regex("Đã xem (3[3-9]|[45]\\d|6[0-6])%"), new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        Assert.True(refused >= 2, "the refused batch was sent again");
        await Browser.ScreenshotAsync(page, "22-video-lesson-phone");

        // Data saver: 240p, remembered for this user.
        await page.CheckAsync("#player [data-saver-toggle]");
        await page.WaitForFunctionAsync("() => { const h = document.querySelector('#player').player.hls(); return h && h.levels.length > 0 && h.levels[h.currentLevel] && h.levels[h.currentLevel].height === 240; }", null, new PageWaitForFunctionOptions { Timeout = 15_000 });

        // Seeking ahead to the end does not complete the lesson: the skipped seconds never count.
        await PlayAsync(page, from: 10.5, until: 11.6);
        await Assertions.Expect(page.Locator("#watch-progress [data-watched-text]")).Not.ToContainTextAsync("Đã xem đủ");
        Assert.NotEqual("true", await player.GetAttributeAsync("data-completed"));

        // At normal speed, so that a pause that lands late on a loaded machine still stops well before the last 3 seconds
        // (from there the player starts again from the beginning, and the resume point would read 0).
        await PlayAsync(page, from: 6.5, until: 7, rate: 1);

        // On another visit the player resumes where they stopped, with the data saver still on.
        await page.ReloadAsync();
        Assert.Equal("240p", await player.GetAttributeAsync("data-saver"));
        var resume = double.Parse((await player.GetAttributeAsync("data-resume"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(resume, 7, 9);
        Assert.NotEqual("true", await player.GetAttributeAsync("data-completed"));

        // Watching the part that was skipped completes it.
        await PlayAsync(page, from: 5.5, until: 11);
        await Assertions.Expect(page.Locator("#watch-progress [data-watched-text]")).ToContainTextAsync("Đã xem đủ");
        await Browser.ScreenshotAsync(page, "23-video-lesson-completed");
        await page.GotoAsync("/Learning");
        await Assertions.Expect(page.Locator("#completed")).ToContainTextAsync(CourseTitle);

        // The help library finds it without diacritics, and the hotlines are one tap away.
        await page.GotoAsync("/Help");
        await page.FillAsync("#help-search input[name=q]", "huong dan ky so");
        await page.ClickAsync("#help-search button");
        await Assertions.Expect(page.Locator("#help-results")).ToContainTextAsync("Hướng dẫn ký số hồ sơ");
        await Browser.ScreenshotAsync(page, "24-help-search-phone");
        await page.GotoAsync("/Hotlines");
        await Assertions.Expect(page.Locator("a[href^='tel:']").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "25-hotlines-phone");
    }

    /// <summary>Seeks to <paramref name="from"/>, plays muted (at double speed unless told) until <paramref name="until"/>, then pauses.</summary>
    private static async Task PlayAsync(IPage page, double from, double until, double rate = 2)
    {
        // As a person would: press play once the player has loaded the video (hls.js attaches its media source first).
        await page.WaitForFunctionAsync("() => document.querySelector('#player video').readyState >= 1", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.EvaluateAsync("""
            async ([from, rate]) => {
              const v = document.querySelector('#player video');
              v.muted = true;
              v.playbackRate = rate;
              v.currentTime = from;
              await v.play();
            }
            """, new object[] { from, rate });
        await page.WaitForFunctionAsync($"() => document.querySelector('#player video').currentTime >= {until.ToString(System.Globalization.CultureInfo.InvariantCulture)} || document.querySelector('#player video').ended", null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 100 });
        // Pause (the video may have reached its end meanwhile), and wait until every heartbeat sent so far has been answered.
        await page.EvaluateAsync("() => { const p = document.querySelector('#player'); p.querySelector('video').pause(); return p.player.settled(); }");
    }

    private static Task SignInAsync(IPage page, string email) => Journey.SignInAsync(page, email, Password);

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
    }
}
