using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>
/// Issue 11, the exam room before the opening: a cadre on a phone opens the quiz lesson before the quiz opens. The start
/// button is there but disabled, with a countdown; at the opening it is enabled by itself (no reload), and pressing it starts
/// the attempt.
/// </summary>
public sealed partial class QuizOpeningTests
{
    private const string Password = "Thunghiem2026x";

    [Fact]
    public async Task BeforeTheOpening_TheStartButtonWaitsWithACountdown_ThenStartsTheAttempt()
    {
        // Far enough ahead for a site started on a busy machine (browser tests run side by side, and beside the integration
        // tests) to be signed in before it: 90 s was not always enough (a run on 2026-12-05 reached the lesson 1 s before it).
        var opens = DateTime.UtcNow.AddSeconds(150).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var env = new Dictionary<string, string> { ["JOURNEY_PASSWORD"] = Password };
        await using var site = await RunningSite.StartWithRecipeAsync($$"""
        { "name": "quiz-opening", "steps": [
            { "name": "cadres", "cadres": [ { "email": "cho.gio@example.vn", "fullName": "Lê Thị Chờ Giờ", "position": "Công chức Tư pháp – Hộ tịch", "unit": "KH-NHATRANG-VP" } ] },
            { "name": "users", "users": [ { "email": "cho.gio@example.vn", "displayName": "Lê Thị Chờ Giờ", "roles": ["Cadre"], "passwordEnv": "JOURNEY_PASSWORD" } ] },
            { "name": "quizzes", "quizzes": [ { "key": "kt-gio-mo", "title": "Kiểm tra có giờ mở", "timeLimitMinutes": 30, "attempts": 1, "opens": "{{opens}}",
                "slots": [ { "random": 4, "category": "Sẵn sàng ký số", "mark": 1 } ] } ] },
            { "name": "courses", "courses": [ { "slug": "khoa-gio-mo", "title": "Khóa bồi dưỡng kỹ năng số cho công chức Tư pháp – Hộ tịch xã Khánh Vĩnh, Khánh Sơn và Cam Lâm", "publish": true, "modules": [
                { "key": "m1", "title": "Kiểm tra", "lessons": [
                    { "key": "bai-kiem-tra", "title": "Bài kiểm tra cuối khóa: ký số hồ sơ trên Cổng Dịch vụ công quốc gia", "kind": "quiz", "reference": "kt-gio-mo", "required": true, "minutes": 30 } ] } ] } ] },
            { "name": "assignments", "assignments": [ { "course": "khoa-gio-mo", "target": "unit", "value": "KH-NHATRANG", "dueDays": 30 } ] } ] }
        """, env);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await Browser.PhonePageAsync(browser, site.BaseUrl);
        await Journey.SignInAsync(page, "cho.gio@example.vn", Password);

        await page.GotoAsync("/Courses/khoa-gio-mo/bai-kiem-tra");
        var start = page.Locator("#quiz-start");
        await Assertions.Expect(start).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#quiz-cannot-start")).ToContainTextAsync("Bài kiểm tra mở lúc");
        await Assertions.Expect(page.Locator("#quiz-countdown")).ToHaveTextAsync(CountdownText());
        var before = await page.Locator("#quiz-countdown").TextContentAsync();
        await page.WaitForTimeoutAsync(1500);
        Assert.NotEqual(before, await page.Locator("#quiz-countdown").TextContentAsync());
        await Browser.ScreenshotAsync(page, "11-quiz-waiting-for-the-opening");
        await page.SetViewportSizeAsync(1280, 800);
        await Browser.ScreenshotAsync(page, "11-quiz-waiting-for-the-opening-desktop");
        await page.SetViewportSizeAsync(360, 740);

        // The opening: enabled without a reload (the wait came from the server), the notice gone.
        await Assertions.Expect(start).ToBeEnabledAsync(new() { Timeout = 210_000 });
        await Assertions.Expect(page.Locator("#quiz-cannot-start")).ToBeHiddenAsync();
        await start.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(AttemptUrl());
        Assert.Equal(4, await page.Locator("fieldset.question").CountAsync());
        await Assertions.Expect(page.Locator("#timer")).ToBeVisibleAsync();
    }

    [GeneratedRegex("^Còn \\d+:\\d{2} nữa\\.$")]
    private static partial Regex CountdownText();

    [GeneratedRegex("/Quizzes/Attempt/[0-9a-f-]{36}")]
    private static partial Regex AttemptUrl();
}
