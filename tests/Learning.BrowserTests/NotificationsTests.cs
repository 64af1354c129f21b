using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>
/// Issue 12: on a 360-px phone, the header's bell shows the unread count, the list opens from it, a notification opens its
/// page and is read, "mark all read" clears the figure, and the e-mail preferences are one tap away. The notifications are
/// written as a module's call would (rows in the caller's transaction), since no module sends any yet in this build.
/// </summary>
public sealed class NotificationsTests
{
    private const string Password = "Thunghiem2026x";

    [Fact]
    public async Task PhoneHeader_BellCountsUnread_ListOpensAndMarksRead()
    {
        await using var site = await RunningSite.StartWithRecipeAsync("""
        { "name": "notifications-browser", "steps": [
            { "name": "users", "users": [ { "email": "thu.nguyen@example.vn", "displayName": "Nguyễn Thị Thu", "roles": ["Cadre"], "passwordEnv": "JOURNEY_PASSWORD" } ] } ] }
        """, new Dictionary<string, string> { ["JOURNEY_PASSWORD"] = Password });
        await SeedAsync(site.DatabasePath, "thu.nguyen@example.vn");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseUrl,
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "vi-VN",
        });
        var page = await context.NewPageAsync();
        await Journey.SignInAsync(page, "thu.nguyen@example.vn", Password);
        await page.GotoAsync("/Courses");
        var bell = page.Locator("header a.bell");
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-notifications-count", "3");
        await Assertions.Expect(bell).ToHaveAttributeAsync("aria-label", "Thông báo: 3 chưa đọc");
        var box = await bell.BoundingBoxAsync();
        Assert.True(box is { Width: >= 44, Height: >= 44 } && box.X + box.Width <= 360, $"bell at {box?.X},{box?.Y} {box?.Width}×{box?.Height}");
        await Browser.ScreenshotAsync(page, "notifications-bell-360");

        await bell.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Notifications$"));
        var items = page.Locator("#notifications li");
        await Assertions.Expect(items).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#notifications li.unread")).ToHaveCountAsync(3);
        await Assertions.Expect(items.First).ToContainTextAsync("Kết quả bài kiểm tra Kiểm tra cuối khóa: Đạt");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the list scrolls sideways at 360 px");
        await Browser.ScreenshotAsync(page, "notifications-list-360");

        await items.Filter(new() { HasText = "Kỹ năng tiếp công dân" }).Locator("a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Courses/tiep-cong-dan$"));
        await page.GotoAsync("/Notifications");
        await Assertions.Expect(page.Locator("header a.bell")).ToHaveAttributeAsync("data-notifications-count", "2");
        await Assertions.Expect(page.Locator("#notifications li.read")).ToContainTextAsync("Kỹ năng tiếp công dân");

        await page.ClickAsync("#mark-all-read");
        await Assertions.Expect(page.Locator("header a.bell")).ToHaveAttributeAsync("data-notifications-count", "0");
        await Assertions.Expect(page.Locator("#notifications li.unread")).ToHaveCountAsync(0);

        await page.ClickAsync("text=Cài đặt nhận thông báo qua thư điện tử");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Manage/Notifications$"));
        await page.CheckAsync("input[name='cadence.courses'][value=Daily]");
        await page.ClickAsync("#notification-preferences button[type=submit]");
        await Assertions.Expect(page.Locator("#preferences-saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[name='cadence.courses'][value=Daily]")).ToBeCheckedAsync();
        await Browser.ScreenshotAsync(page, "notifications-preferences-360");
    }

    /// <summary>Three notifications, as INotifier writes them: a course assigned, a certificate, then a quiz result (newest).</summary>
    private static async Task SeedAsync(string database, string email)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var user = connection.CreateCommand();
        user.CommandText = "SELECT \"Id\" FROM identity_user WHERE \"NormalizedEmail\" = $email";
        user.Parameters.AddWithValue("$email", email.ToUpperInvariant());
        var userId = (string)(await user.ExecuteScalarAsync() ?? throw new InvalidOperationException("no user " + email));
        var now = DateTime.UtcNow;
        (string Type, string Model, string Link, int MinutesAgo)[] rows =
        [
            ("courses.assigned", """{"course":{"title":"Kỹ năng tiếp công dân và giải quyết khiếu nại ở cấp xã","url":"/Courses/tiep-cong-dan"},"due_date":"2026-12-31"}""", "/Courses/tiep-cong-dan", 180),
            ("certificates.issued", """{"certificate":{"title":"Chứng nhận hoàn thành khóa Chuyển đổi số","url":"/Certificates/KH-2026-000123","code":"KH-2026-000123"}}""", "/Certificates/KH-2026-000123", 60),
            ("quizzes.result", """{"quiz":{"title":"Kiểm tra cuối khóa","url":"/Quizzes/kt"},"show_marks":true,"score":9,"max_score":10,"percent":90,"passed":true}""", "/Quizzes/kt", 5),
        ];
        foreach (var (type, model, link, minutesAgo) in rows)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO notifications_notification ("UserId", "Type", "ModelJson", "Link", "CreatedUtc", "Email", "EmailDueUtc")
                VALUES ($user, $type, $model, $link, $created, 3, $created)
                """;
            var created = now.AddMinutes(-minutesAgo).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
            insert.Parameters.AddWithValue("$user", userId);
            insert.Parameters.AddWithValue("$type", type);
            insert.Parameters.AddWithValue("$model", model);
            insert.Parameters.AddWithValue("$link", link);
            insert.Parameters.AddWithValue("$created", created);
            await insert.ExecuteNonQueryAsync();
        }
    }
}
