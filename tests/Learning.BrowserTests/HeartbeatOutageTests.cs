using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>
/// Issue 9, item 3, with the real fault: the built host on a PostgreSQL of the test's own, a cadre watching a help video in
/// Chromium, and PostgreSQL stopped for 13 s while it plays. Every second played is stored once the database is back.
/// </summary>
public sealed class HeartbeatOutageTests
{
    private const string Password = "Thunghiem2026x";

    [Fact]
    public async Task PostgreSqlStoppedWhileAVideoPlays_EverySecondPlayedIsStoredOnceItIsBack()
    {
        await using var postgres = await PrivatePostgres.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("learning-heartbeat-outage-").FullName;
        await RunAsync("ffmpeg", $"-v error -y -f lavfi -i testsrc2=size=640x360:rate=25:duration=40 -f lavfi -i sine=frequency=440:duration=40 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest \"{Path.Combine(folder, "clip.mp4")}\"");
        var recipe = Path.Combine(folder, "outage.recipe.json");
        await File.WriteAllTextAsync(recipe, """
        { "name": "outage", "steps": [
            { "name": "cadres", "cadres": [ { "email": "hoc.vien@example.vn", "fullName": "Đặng Thị Học Viên", "position": "Công chức Văn phòng – Thống kê", "unit": "KH-NHATRANG-VP" } ] },
            { "name": "users", "users": [ { "email": "hoc.vien@example.vn", "displayName": "Đặng Thị Học Viên", "roles": ["Cadre"], "passwordEnv": "JOURNEY_PASSWORD" } ] },
            { "name": "helpVideos", "videos": [ { "title": "Nộp lệ phí trên Cổng Dịch vụ công", "file": "clip.mp4" } ] } ] }
        """);
        const string database = "learning_heartbeats";
        var env = new Dictionary<string, string>
        {
            ["JOURNEY_PASSWORD"] = Password,
            ["Learning__Database__Provider"] = "PostgreSql",
            ["Learning__Database__ConnectionString"] = postgres.ConnectionString(database),
            ["Learning__Media__Preset"] = "ultrafast",
            ["Learning__Jobs__PollMilliseconds"] = "300",
        };
        await using var site = await RunningSite.StartAsync(env,
            ["setup", "--recipe", "setup", "--admin-email", "qt@example.vn", "--admin-password", "Quantri2026x"],
            ["recipe", "run", recipe]);
        var publicId = await postgres.QueryAsync(database, "SELECT \"PublicId\" FROM media_video");
        var ready = Stopwatch.StartNew();
        while (await postgres.QueryAsync(database, "SELECT \"State\" FROM media_video") != "Ready")
        {
            Assert.True(ready.Elapsed < TimeSpan.FromSeconds(120), "the help video was not transcoded in time");
            await Task.Delay(500);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl })).NewPageAsync();
        await Journey.SignInAsync(page, "hoc.vien@example.vn", Password);
        await page.GotoAsync($"/Help/{publicId}");
        await page.WaitForFunctionAsync("() => document.querySelector('#player video').readyState >= 1", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.EvaluateAsync("async () => { const v = document.querySelector('#player video'); v.muted = true; v.playbackRate = 2; v.currentTime = 0; await v.play(); }");

        // At 6 s of video the database goes away for 13 s of wall-clock time, while the learner keeps watching.
        await page.WaitForFunctionAsync("() => document.querySelector('#player video').currentTime >= 6", null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 100 });
        await postgres.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(13));
        await postgres.StartAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#player video').currentTime >= 38 || document.querySelector('#player video').ended", null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 100 });
        var played = await page.EvaluateAsync<double>("() => { const v = document.querySelector('#player video'); v.pause(); return v.currentTime; }");

        // The batches refused during the outage are sent again with a growing delay; wait for the store to catch up.
        var stored = 0;
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < TimeSpan.FromSeconds(90))
        {
            await page.EvaluateAsync("() => document.querySelector('#player').player.settled()");
            stored = int.Parse(await postgres.QueryAsync(database, "SELECT COALESCE(MAX(\"WatchedSeconds\"), 0) FROM media_watch") is { Length: > 0 } s ? s : "0", CultureInfo.InvariantCulture);
            if (stored >= (int)played - 1)
            {
                break;
            }

            await Task.Delay(1000);
        }

        Assert.True(stored >= (int)played - 1, $"played 0-{played:0.#} s, stored {stored} s");
        Assert.True(stored <= (int)Math.Ceiling(played) + 1, $"played 0-{played:0.#} s, stored {stored} s");
        Console.WriteLine($"played 0-{played:0.#} s through a 13-s PostgreSQL stop; stored {stored} s after {wait.Elapsed.TotalSeconds:0.#} s");
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
    }
}
