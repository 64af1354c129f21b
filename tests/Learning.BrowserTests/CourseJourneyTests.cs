using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Learning.BrowserTests;

public sealed class CourseJourneyTests
{
    private const string Password = "Thunghiem2026x";

    [Fact]
    public async Task Trainer_AuthorsPublishesAndAssigns_CadreCompletesItAndSeesProgress()
    {
        var env = new Dictionary<string, string> { ["JOURNEY_PASSWORD"] = Password };
        await using var site = await RunningSite.StartWithRecipeAsync("""
        { "name": "journey", "steps": [
            { "name": "cadres", "cadres": [ { "email": "hoc.vien@example.vn", "fullName": "Đặng Thị Học Viên", "position": "Công chức Văn phòng – Thống kê", "unit": "KH-NHATRANG-VP" } ] },
            { "name": "users", "users": [
                { "email": "giang.vien@example.vn", "displayName": "Giảng viên Sở Nội vụ", "roles": ["Trainer"], "passwordEnv": "JOURNEY_PASSWORD" },
                { "email": "hoc.vien@example.vn", "displayName": "Đặng Thị Học Viên", "roles": ["Cadre"], "passwordEnv": "JOURNEY_PASSWORD" } ] },
            { "name": "scopes", "scopes": [ { "user": "giang.vien@example.vn", "unit": "KH" } ] } ] }
        """, env);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl })).NewPageAsync();

        // The trainer creates a course with two modules and three lessons.
        await SignInAsync(page, "giang.vien@example.vn");
        await page.GotoAsync("/Admin/Courses");
        await page.FillAsync("#create-course input[name=title]", "Làm quen với hệ thống một cửa điện tử");
        await page.ClickAsync("#create-course button");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Admin/Courses/Edit/\\d+$"));
        var editUrl = page.Url;

        await AddModuleAsync(page, "Chương 1: Tiếp nhận hồ sơ");
        await AddLessonAsync(page, 0, "Bài 1: Đăng nhập hệ thống", "Đăng nhập bằng **tài khoản công vụ** và kiểm tra hồ sơ mới.", markAsDone: false);
        await PreviewShowsWhatLearnersSee_AndRunsNoScriptAsync(page);
        await page.GotoAsync(editUrl);
        await AddLessonAsync(page, 0, "Bài 2: Kiểm tra thành phần hồ sơ", "Đối chiếu thành phần hồ sơ với quy định; ghi chú các giấy tờ còn thiếu.", markAsDone: true);
        await page.GotoAsync(editUrl);
        await AddModuleAsync(page, "Chương 2: Trả kết quả");
        await AddLessonAsync(page, 1, "Bài 3: Ký số và trả kết quả", "Ký số kết quả, cập nhật trạng thái và thông báo cho công dân.", markAsDone: false);
        await page.GotoAsync(editUrl);
        await Assertions.Expect(page.Locator("#structure section.module")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#structure ol.lessons li")).ToHaveCountAsync(3);

        await Browser.ScreenshotAsync(page, "10-course-editor");

        // … publishes it and assigns it to the ward of Nha Trang.
        await Journey.PublishAndAssignAsync(page, "KH-NHATRANG");
        await Journey.SignOutAsync(page);

        // A cadre of Nha Trang finds it in "My learning" and completes it on a phone.
        await page.SetViewportSizeAsync(360, 740);
        await SignInAsync(page, "hoc.vien@example.vn");
        await page.GotoAsync("/Learning");
        var card = page.Locator("#in-progress article", new PageLocatorOptions { HasText = "Làm quen với hệ thống một cửa điện tử" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card.Locator(".progress")).ToHaveAttributeAsync("aria-valuenow", "0");
        await Browser.ScreenshotAsync(page, "11-my-learning-phone");
        await card.Locator("a.btn-primary").ClickAsync();

        await Assertions.Expect(page.Locator("#lesson h1")).ToHaveTextAsync("Bài 1: Đăng nhập hệ thống");
        await Assertions.Expect(page.Locator("#lesson .prose strong")).ToHaveTextAsync("tài khoản công vụ");
        await Assertions.Expect(page.Locator("#lesson-progress .progress")).ToHaveAttributeAsync("aria-valuenow", "33");
        await page.ClickAsync("#next");

        await Assertions.Expect(page.Locator("#lesson h1")).ToHaveTextAsync("Bài 2: Kiểm tra thành phần hồ sơ");
        await Assertions.Expect(page.Locator("#lesson-progress .progress")).ToHaveAttributeAsync("aria-valuenow", "33");
        await Browser.ScreenshotAsync(page, "12-lesson-phone");
        await page.ClickAsync("#mark-done");
        await Assertions.Expect(page.Locator("#lesson-done")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#lesson-progress .progress")).ToHaveAttributeAsync("aria-valuenow", "66");
        await page.ClickAsync("#next");

        await Assertions.Expect(page.Locator("#lesson h1")).ToHaveTextAsync("Bài 3: Ký số và trả kết quả");
        await Assertions.Expect(page.Locator("#lesson-progress .progress")).ToHaveAttributeAsync("aria-valuenow", "100");
        await page.ClickAsync("#finished");

        await Assertions.Expect(page.Locator("#completed")).ToContainTextAsync("Làm quen với hệ thống một cửa điện tử");
        await Browser.ScreenshotAsync(page, "13-my-learning-completed");
    }

    private static Task SignInAsync(IPage page, string email) => Journey.SignInAsync(page, email, Password);

    private static async Task AddModuleAsync(IPage page, string title)
    {
        await page.FillAsync("#add-module input[name=title]", title);
        await page.ClickAsync("#add-module button");
    }

    /// <summary>
    /// The preview is rendered by the server's safe renderer: a hostile body runs nothing in the author's session, and the
    /// preview sits beside the text inside the page, so turning it off leaves the save button reachable.
    /// </summary>
    private static async Task PreviewShowsWhatLearnersSee_AndRunsNoScriptAsync(IPage page)
    {
        var url = page.Url;
        await page.Locator(".EasyMDEContainer .CodeMirror").ClickAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.InsertTextAsync("\n\n<img src=x onerror=\"window.__xss=1\"> <details open ontoggle=\"window.__xss=2\">x</details>\n\n## Mục xem trước\n");
        await page.ClickAsync(".editor-toolbar button.side-by-side");
        var preview = page.Locator(".editor-preview-side");
        await Assertions.Expect(preview.Locator("h2")).ToHaveTextAsync("Mục xem trước");
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(0, await preview.Locator("img, details").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), "a lesson body ran script in the preview");
        await Browser.ScreenshotAsync(page, "09-lesson-preview");
        await page.ClickAsync(".editor-toolbar button.side-by-side");
        await Assertions.Expect(page.Locator("#save-lesson")).ToBeVisibleAsync();
        await page.Locator("#save-lesson").ClickAsync(new LocatorClickOptions { Trial = true }); // nothing lies over it
        await page.GotoAsync(url); // leave the hostile text unsaved
    }

    private static async Task AddLessonAsync(IPage page, int moduleIndex, string title, string text, bool markAsDone)
    {
        var form = page.Locator("#structure section.module").Nth(moduleIndex).Locator("form.add-lesson");
        await form.Locator("input[name=title]").FillAsync(title);
        await form.Locator("button").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Admin/Courses/Lesson/\\d+"));

        // The Markdown editor (EasyMDE, from npm) replaces the textarea: type into it like a person.
        await page.Locator(".EasyMDEContainer .CodeMirror").ClickAsync();
        await page.Keyboard.InsertTextAsync(text);
        if (markAsDone)
        {
            await page.CheckAsync("#lesson-form input[name=markAsDone]");
        }

        await page.ClickAsync("#save-lesson");
        await Assertions.Expect(page.Locator("#lesson-message")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".EasyMDEContainer")).ToContainTextAsync(text[..20]);
    }
}
