using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>
/// Issue 14, the cadre record: a commune manager opens a cadre who watched part of a video lesson and attempted a quiz twice, and
/// sees both (seconds watched of the video's length; quiz, attempt, state, score, submitted) at 360 px and on a desktop.
/// </summary>
public sealed class CadreRecordTests
{
    private const string Password = "Thunghiem2026x";
    private const string Manager = "ql.hoso.nhatrang@example.vn";

    [Fact]
    public async Task CommuneManager_SeesVideosWatchedAndQuizAttempts_OnACadreRecord_PhoneAndDesktop()
    {
        await using var site = await RunningSite.StartWithRecipeAsync($$"""
        { "name": "cadre-record", "steps": [
            { "name": "users", "users": [ { "email": "{{Manager}}", "displayName": "Quản lý hồ sơ Nha Trang", "roles": ["Manager"], "passwordEnv": "JOURNEY_PASSWORD" } ] },
            { "name": "scopes", "scopes": [ { "user": "{{Manager}}", "unit": "KH-NHATRANG" } ] },
            { "name": "reports-demo-learning", "weeks": 8, "seed": 14 } ] }
        """, new Dictionary<string, string> { ["JOURNEY_PASSWORD"] = Password });
        var cadreId = await SeedAsync(site.DatabasePath);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        foreach (var (width, height, name) in new[] { (360, 740, "360"), (1280, 800, "desktop") })
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
            await page.GotoAsync($"/Admin/Reports/Cadre/{cadreId}");
            await Assertions.Expect(page.Locator("#cadre-videos tbody tr")).ToHaveCountAsync(2);
            var watched = page.Locator("#cadre-videos tbody tr[data-watched='377']");
            await Assertions.Expect(watched).ToContainTextAsync("6:17 / 12:34");
            await Assertions.Expect(watched).ToContainTextAsync("50%");
            await Assertions.Expect(page.Locator("#cadre-videos tbody tr[data-watched='']")).ToContainTextAsync("Chưa xem");
            await Assertions.Expect(page.Locator("#cadre-attempts tbody tr")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("#cadre-attempts tbody tr[data-attempt='2']")).ToContainTextAsync("90");
            await Assertions.Expect(page.Locator("#cadre-attempts tbody tr[data-attempt='2']")).ToContainTextAsync("Đạt");
            await Assertions.Expect(page.Locator("#cadre-attempts tbody tr[data-attempt='1']")).ToContainTextAsync("Chưa đạt");
            await Assertions.Expect(page.Locator("#cadre-attempts tbody tr[data-attempt='3']")).ToContainTextAsync("Đang làm");
            Assert.True(await page.EvaluateAsync<bool>($"document.documentElement.scrollWidth <= {width}"), $"the record scrolls sideways at {width} px");
            await Browser.ScreenshotAsync(page, $"14-cadre-{name}");

            // The readiness funnel of their commune, drawn, with its numbers and links to the lists.
            await page.GotoAsync("/Admin/Reports/Readiness");
            await Assertions.Expect(page.Locator("svg#chart-funnel rect.stage")).ToHaveCountAsync(5);
            await Assertions.Expect(page.Locator("#readiness-units tbody tr")).ToHaveCountAsync(1);
            Assert.True(await page.EvaluateAsync<bool>($"document.documentElement.scrollWidth <= {width}"), $"the funnel scrolls sideways at {width} px");
            await Browser.ScreenshotAsync(page, $"14-readiness-funnel-{name}");
            await page.Locator("#funnel-numbers a[data-count=InTraining]").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Admin/Readiness\\?state=InTraining"));
            await context.CloseAsync();
        }
    }

    /// <summary>One Nha Trang cadre with an enrolment gets two video lessons in that course (one watched for 377 of 754 s) and a quiz
    /// with three attempts (50 %, 90 % passed, one under way), written as the courses, media and quizzes modules store them.</summary>
    private static async Task<long> SeedAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var earlier = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            CREATE TEMP TABLE pick AS
              SELECT c."Id" AS CadreId, u."Id" AS UserId, e."CourseId" AS CourseId
              FROM org_cadre c JOIN identity_user u ON u."NormalizedEmail" = upper(c."Email")
              JOIN courses_enrollment e ON e."UserId" = u."Id" AND e."WithdrawnUtc" IS NULL
              JOIN org_unit o ON o."Code" = 'KH-NHATRANG'
              WHERE substr(c."OrgPath", 1, length(o."Path")) = o."Path"
              ORDER BY c."Id", e."CourseId" LIMIT 1;
            INSERT INTO media_video ("PublicId", "Title", "Description", "State", "DurationSeconds", "Width", "Height", "HasAudio", "IsHelp", "Renditions", "SearchText", "SourceBytes", "SourceExtension", "SourceFileName", "CreatedBy", "CreatedUtc")
              VALUES ('vid-record-1', 'Ký số trên điện thoại', '', 'Ready', 754.0, 1280, 720, 1, 0, '', '', 1, '.mp4', 'ky-so.mp4', 'qt@example.vn', '{now}'),
                     ('vid-record-2', 'Tra cứu hồ sơ một cửa', '', 'Ready', 312.0, 1280, 720, 1, 0, '', '', 1, '.mp4', 'mot-cua.mp4', 'qt@example.vn', '{now}');
            INSERT INTO courses_module ("CourseId", "Key", "Position", "Title") SELECT CourseId, 'm-video-record', 99, 'Video' FROM pick;
            INSERT INTO courses_lesson ("CourseId", "ModuleId", "Key", "Title", "Kind", "Position", "Required", "MarkAsDone", "Minutes", "Markdown", "Reference")
              SELECT p.CourseId, m."Id", 'l-video-1', 'Bài video 1: Ký số trên điện thoại', 'video', 1, 1, 0, 13, '', 'vid-record-1' FROM pick p JOIN courses_module m ON m."CourseId" = p.CourseId AND m."Key" = 'm-video-record'
              UNION ALL
              SELECT p.CourseId, m."Id", 'l-video-2', 'Bài video 2: Tra cứu hồ sơ một cửa', 'video', 2, 1, 0, 6, '', 'vid-record-2' FROM pick p JOIN courses_module m ON m."CourseId" = p.CourseId AND m."Key" = 'm-video-record';
            INSERT INTO media_watch ("UserId", "VideoId", "Intervals", "WatchedSeconds", "PositionSeconds", "UpdatedUtc", "AllowanceFromUtc", "Version")
              SELECT p.UserId, v."Id", '0-377', 377, 377.0, '{now}', '{earlier}', 0 FROM pick p, media_video v WHERE v."PublicId" = 'vid-record-1';
            INSERT INTO quizzes_quiz ("Key", "Title", "Intro", "AttemptsAllowed", "DelayBetweenAttemptsSeconds", "GradingMethod", "PassPercent", "QuestionsPerPage", "ReviewAfterClose", "ReviewDuring", "ReviewImmediately", "ReviewLaterOpen", "ShuffleOptions", "ShuffleQuestions", "CreatedUtc", "UpdatedUtc")
              VALUES ('q-record', 'Kiểm tra cuối khóa: Chữ ký số công vụ', '', 0, 0, 'Highest', 80, 5, 0, 0, 0, 0, 0, 0, '{now}', '{now}');
            INSERT INTO quizzes_attempt ("PublicId", "QuizId", "UserId", "Number", "State", "CourseId", "StartedUtc", "SubmittedUtc", "GradedUtc", "CurrentPage", "PageCount", "Score", "MaxScore", "Passed")
              SELECT 'b3a2c1d0-0000-4000-8000-00000000000' || n, q."Id", p.UserId, n, s, p.CourseId, '{earlier}', CASE WHEN n < 3 THEN '{earlier}' END, CASE WHEN n < 3 THEN '{earlier}' END, 0, 1,
                     CASE n WHEN 1 THEN 5 WHEN 2 THEN 9 END, 10, n = 2
              FROM pick p, quizzes_quiz q, (SELECT 1 AS n, 'Finished' AS s UNION ALL SELECT 2, 'Finished' UNION ALL SELECT 3, 'InProgress')
              WHERE q."Key" = 'q-record';
            SELECT CadreId FROM pick;
            """;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
