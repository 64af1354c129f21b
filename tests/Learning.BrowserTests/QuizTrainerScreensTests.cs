using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>
/// Issue 11: the trainer's quiz pages looked at on a phone and on a desktop — the quiz list, the question bank, the question
/// editor, an import preview with a problem in it, the quiz editor with its review-options grid, the results with the item
/// analysis, one attempt with its log, and the overrides — with long Vietnamese names. None may scroll sideways at 360 px.
/// A cadre takes the quiz first, so the results, the item analysis and the attempt log have something to show; then again
/// on a phone without the script, through the summary the server makes.
/// </summary>
public sealed class QuizTrainerScreensTests
{
    private const string Password = "Thunghiem2026x";
    private const string QuizKey = "kt-man-hinh-giang-vien";

    [Fact]
    public async Task TrainerQuizPages_FitAPhoneAndADesktop()
    {
        await using var site = await RunningSite.StartWithRecipeAsync($$"""
        { "name": "quiz-screens", "steps": [
            { "name": "cadres", "cadres": [ { "email": "nguyen.thi.ngoc.diep@example.vn", "fullName": "Nguyễn Thị Ngọc Diệp Huyền Trang", "position": "Công chức Văn phòng – Thống kê kiêm Tư pháp – Hộ tịch", "unit": "KH-NHATRANG-VP" } ] },
            { "name": "users", "users": [ { "email": "nguyen.thi.ngoc.diep@example.vn", "displayName": "Nguyễn Thị Ngọc Diệp Huyền Trang", "roles": ["Cadre"], "passwordEnv": "JOURNEY_PASSWORD" } ] },
            { "name": "quizzes", "quizzes": [ { "key": "{{QuizKey}}", "title": "Kiểm tra cuối khóa: chữ ký số, Cổng Dịch vụ công quốc gia và thanh toán trực tuyến", "timeLimitMinutes": 30, "attempts": 0,
                "passPercent": 50, "questionsPerPage": 4, "password": "Hội trường 2026",
                "review": { "during": ["answer"], "immediately": ["answer", "correctness", "marks", "feedback"], "laterOpen": ["answer", "correctness", "marks"], "afterClose": ["answer", "correctness", "marks"] },
                "overallFeedback": [ { "from": 50, "text": "Đạt yêu cầu. Hãy đề nghị cấp chữ ký số chuyên dùng công vụ qua Văn phòng HĐND và UBND xã." },
                    { "text": "Chưa đạt: hãy học lại **Ký số hồ sơ và kết quả trên hệ thống giải quyết thủ tục hành chính** và **Kiểm tra chữ ký số trên văn bản nhận được**, rồi làm lại bài." } ],
                "slots": [ { "random": 8, "category": "Sẵn sàng ký số", "mark": 1 } ] } ] },
            { "name": "courses", "courses": [ { "slug": "khoa-man-hinh-giang-vien", "title": "Khóa kiểm tra màn hình giảng viên", "publish": true, "modules": [
                { "key": "m1", "title": "Kiểm tra", "lessons": [
                    { "key": "bai-kiem-tra", "title": "Bài kiểm tra", "kind": "quiz", "reference": "{{QuizKey}}", "required": true, "minutes": 30 } ] } ] } ] },
            { "name": "assignments", "assignments": [ { "course": "khoa-man-hinh-giang-vien", "target": "unit", "value": "KH-NHATRANG", "dueDays": 30 } ] } ] }
        """, new Dictionary<string, string> { ["JOURNEY_PASSWORD"] = Password });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);

        // A cadre starts the quiz (on a phone, with the hall's password: a wrong one first) and submits it as it is (the results
        // and the attempt log then have a row).
        var cadre = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, Locale = "vi-VN",
        });
        var cadrePage = await cadre.NewPageAsync();
        cadrePage.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Journey.SignInAsync(cadrePage, "nguyen.thi.ngoc.diep@example.vn", Password);
        await cadrePage.GotoAsync("/Courses/khoa-man-hinh-giang-vien/bai-kiem-tra");
        await cadrePage.FillAsync("#quiz-password", "hoi truong 2026");
        await cadrePage.ClickAsync("#quiz-start");
        await Assertions.Expect(cadrePage.Locator("#quiz-problem")).ToContainTextAsync("Mật khẩu không đúng");
        await Browser.ScreenshotAsync(cadrePage, "11-quiz-password-wrong-360");
        Assert.True(await cadrePage.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the refused start scrolls sideways at 360 px");
        await cadrePage.FillAsync("#quiz-password", "Hội trường 2026");
        await cadrePage.ClickAsync("#quiz-start");
        await cadrePage.Locator("fieldset.question").First.WaitForAsync();
        // One question flagged; the attempt and its summary looked at on the phone, then on a desktop.
        await cadrePage.Locator(".attempt-page:not([hidden]) .q-flag").First.ClickAsync();
        await Assertions.Expect(cadrePage.Locator(".q-flag[aria-pressed='true']")).ToHaveCountAsync(1);
        foreach (var (width, height, name) in new[] { (360, 740, "360"), (1280, 900, "desktop") })
        {
            await cadrePage.SetViewportSizeAsync(width, height);
            await Browser.ScreenshotAsync(cadrePage, $"11-quiz-attempt-flagged-{name}");
            await cadrePage.ClickAsync("#attempt-submit");
            await Assertions.Expect(cadrePage.Locator("#summary-rows .q-flag-tag")).ToHaveCountAsync(1);
            await Browser.ScreenshotAsync(cadrePage, $"11-quiz-summary-{name}");
            Assert.True(await cadrePage.EvaluateAsync<bool>($"document.documentElement.scrollWidth <= {width}"), $"the summary scrolls sideways at {width} px");
            await cadrePage.ClickAsync("#summary-back");
        }

        await cadrePage.ClickAsync("#attempt-submit");
        await cadrePage.ClickAsync("#summary-submit");
        await Assertions.Expect(cadrePage).ToHaveURLAsync(new Regex("/Quizzes/Review/"));
        await cadre.CloseAsync();

        var gift = Path.Combine(Path.GetTempPath(), $"screens-{Guid.NewGuid():N}.gift");
        await File.WriteAllTextAsync(gift, """
            ::Ký số hồ sơ trên Cổng Dịch vụ công quốc gia::Khi xử lý hồ sơ trực tuyến, cán bộ phải ký số văn bản kết quả trước khi trả cho người dân? {TRUE}

            ::Câu hỏi hỏng::Thiếu dấu đóng ngoặc nhọn {=Đúng ~Sai
            """);
        try
        {
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
                await Journey.SignInAsync(page, "qt@example.vn", "Quantri2026x");

                async Task LookAsync(string screen)
                {
                    await Browser.ScreenshotAsync(page, $"11-trainer-{screen}-{name}");
                    var wide = await page.EvaluateAsync<string>(
                        $"[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > {width} + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id).join(', ')");
                    Assert.True(await page.EvaluateAsync<bool>($"document.documentElement.scrollWidth <= {width}"), $"{screen} scrolls sideways at {width} px: {wide}");
                }

                await page.GotoAsync("/Admin/Quizzes");
                await Assertions.Expect(page.Locator($"a[href='/Admin/Quizzes/Results?key={QuizKey}']")).ToBeVisibleAsync();
                await LookAsync("quizzes");

                await page.ClickAsync("#grading-link");
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Admin/Quizzes/Grading$"));
                await Assertions.Expect(page.Locator("#grading-empty")).ToBeVisibleAsync(); // no essay in this quiz: nothing waits
                await LookAsync("grading");

                await page.GotoAsync("/Admin/Quizzes/Bank");
                var question = page.Locator("a[href^='/Admin/Quizzes/Question?id=']").First;
                await Assertions.Expect(question).ToBeVisibleAsync();
                await LookAsync("bank");
                await question.ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Admin/Quizzes/Question\\?id="));
                if (name == "360")
                {
                    // An image for the question, drawn by the browser itself, attached in the editor and shown back with the text.
                    var png = await page.EvaluateAsync<string>("""
                        () => { const c = document.createElement('canvas'); c.width = 480; c.height = 180; const g = c.getContext('2d');
                          g.fillStyle = '#eef3fb'; g.fillRect(0, 0, 480, 180); g.font = '20px sans-serif';
                          ['Hồ sơ', 'Ký số', 'Trả kết quả'].forEach((t, i) => { g.fillStyle = '#1a56db'; g.fillRect(16 + i * 156, 50, 136, 80);
                            g.fillStyle = '#fff'; g.fillText(t, 30 + i * 156, 97); });
                          return c.toDataURL('image/png'); }
                        """);
                    var image = Path.Combine(Path.GetTempPath(), $"so-do-{Guid.NewGuid():N}.png");
                    await File.WriteAllBytesAsync(image, Convert.FromBase64String(png[(png.IndexOf(',', StringComparison.Ordinal) + 1)..]));
                    await page.SetInputFilesAsync("input[name='Form.Image']", image);
                    await page.FillAsync("input[name='Form.ImageAlt']", "Sơ đồ: hồ sơ, ký số, trả kết quả");
                    await page.ClickAsync("#question-form button[type=submit]");
                    await Assertions.Expect(page.Locator("#question-message")).ToBeVisibleAsync();
                    File.Delete(image);
                }

                // Served: the thumbnail loads as the 480-px image it is (waited for: a busy machine loads it after the page).
                await page.WaitForFunctionAsync("() => { const i = document.querySelector('#question-images img'); return !!i && i.complete && i.naturalWidth === 480; }");
                await LookAsync("question");

                // The preview: as a cadre sees it (the image in the text), then checked with nothing chosen (graded 0, the review shown).
                await page.ClickAsync("#preview-link");
                await Assertions.Expect(page.Locator("#preview-form fieldset.question")).ToBeVisibleAsync();
                await page.WaitForFunctionAsync("() => { const i = document.querySelector('.q-text img'); return !!i && i.complete && i.naturalWidth === 480; }");
                await LookAsync("preview");
                await page.ClickAsync("#preview-check");
                await Assertions.Expect(page.Locator("#preview-result")).ToBeVisibleAsync();
                await LookAsync("preview-checked");

                await page.GotoAsync("/Admin/Quizzes/Import");
                await page.SetInputFilesAsync("#upload-form input[type=file]", gift);
                await page.ClickAsync("#upload-form button[type=submit]");
                await Assertions.Expect(page.Locator("#import-confirm")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Câu hỏi hỏng");
                await LookAsync("import-preview");

                await page.GotoAsync($"/Admin/Quizzes/Edit?key={QuizKey}");
                await Assertions.Expect(page.Locator("form")).Not.ToHaveCountAsync(0);
                await LookAsync("quiz-editor");

                // The whole quiz previewed from its editor: drawn and paged as a cadre meets it, then submitted and graded with
                // the review shown as after the quiz closes; nothing stored (the integration test counts it).
                await page.ClickAsync("#preview-quiz");
                await Assertions.Expect(page.Locator("#preview-quiz-form fieldset.question").First).ToBeVisibleAsync();
                await LookAsync("quiz-preview");
                await AnswerAsync(page.Locator("#preview-quiz-form fieldset.question").First);
                await page.Locator("#preview-moment").SelectOptionAsync("closed");
                await page.ClickAsync("#preview-quiz-check");
                await Assertions.Expect(page.Locator("#preview-score")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("#preview-feedback")).ToBeVisibleAsync(); // the quiz's overall feedback for that score
                await page.Locator("#preview-score").ScrollIntoViewIfNeededAsync();
                await LookAsync("quiz-preview-checked");

                // The course's own preview shows the quiz lesson as the module renders it (no start), with the way to the above.
                await page.GotoAsync("/Admin/Courses");
                await page.Locator("a[href^='/Admin/Courses/Edit/']", new PageLocatorOptions { HasText = "Khóa kiểm tra màn hình giảng viên" }).ClickAsync();
                await page.ClickAsync("#preview");
                await Assertions.Expect(page.Locator("#quiz-preview-whole")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("#quiz-start")).ToHaveCountAsync(0);
                await page.Locator("#quiz-preview").ScrollIntoViewIfNeededAsync();
                await LookAsync("course-preview");

                await page.GotoAsync($"/Admin/Quizzes/Results?key={QuizKey}");
                var attempt = page.Locator("a[href^='/Admin/Quizzes/Attempt/']").First;
                await Assertions.Expect(attempt).ToBeVisibleAsync();
                await LookAsync("results");
                await attempt.ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Admin/Quizzes/Attempt/"));
                await Assertions.Expect(page.Locator("fieldset.question .q-flag-tag")).ToHaveCountAsync(1); // what the cadre flagged
                await page.Locator(".q-flag-tag").ScrollIntoViewIfNeededAsync();
                await LookAsync("attempt");

                await page.GotoAsync($"/Admin/Quizzes/Overrides?key={QuizKey}");
                await LookAsync("overrides");
                await context.CloseAsync();
            }
        }
        finally
        {
            File.Delete(gift);
        }

        // A phone without the script (switched off, or a browser that has none): a second attempt started with the password,
        // one question flagged by its button (a post), then "submit" shows the summary made on the server; a question's link
        // leads back to it, and the summary's own button submits.
        var plain = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, Locale = "vi-VN",
            JavaScriptEnabled = false,
        });
        var phone = await plain.NewPageAsync();
        await Journey.SignInAsync(phone, "nguyen.thi.ngoc.diep@example.vn", Password);
        await phone.GotoAsync("/Courses/khoa-man-hinh-giang-vien/bai-kiem-tra");
        await phone.FillAsync("#quiz-password", "Hội trường 2026");
        await phone.ClickAsync("#quiz-start");
        // The first question shown, whatever the draw made it: 4 of the category's 23 questions, of which 12 have no radio, so
        // a question with one was missing from the first page about once in 18 runs.
        var chosen = phone.Locator(".attempt-page:not([hidden]) fieldset.question").First;
        var chosenSlot = await chosen.GetAttributeAsync("data-slot");
        await AnswerAsync(chosen);
        await phone.Locator(".attempt-page:not([hidden]) .q-flag").Nth(1).ClickAsync();
        await Assertions.Expect(phone.Locator(".q-flag[aria-pressed='true']")).ToHaveCountAsync(1);
        await phone.ClickAsync("#attempt-submit");
        await Assertions.Expect(phone).ToHaveURLAsync(new Regex("summary=true"));
        await Assertions.Expect(phone.Locator("#attempt-summary")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("#summary-rows tr")).ToHaveCountAsync(8);
        // The answer given before the flag's post is kept. (An ordering question on that page is too: without the script
        // its selects post the order shown, which is an answer.)
        await Assertions.Expect(phone.Locator($"#summary-rows tr.answered a[href$='#question-{chosenSlot}']")).ToHaveCountAsync(1);
        var answered = await phone.Locator("#summary-rows tr.answered").CountAsync();
        await Assertions.Expect(phone.Locator("#summary-rows .q-flag-tag")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator("#summary-count")).ToHaveTextAsync($"Đã trả lời {answered}/8 câu. 1 câu đã đánh dấu để xem lại.");
        await Assertions.Expect(phone.Locator("fieldset.question").First).Not.ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "11-quiz-summary-noscript-360");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the server's summary scrolls sideways at 360 px");
        var last = phone.Locator("#summary-rows a.summary-go").Last;
        var target = (await last.GetAttributeAsync("href"))!;
        await last.ClickAsync();
        await Assertions.Expect(phone.Locator($"#question-{target[(target.LastIndexOf('-') + 1)..]}")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("#attempt-summary")).Not.ToBeVisibleAsync();
        await phone.ClickAsync("#attempt-submit");
        await phone.ClickAsync("#summary-submit");
        await Assertions.Expect(phone).ToHaveURLAsync(new Regex("/Quizzes/Review/"));
        await Assertions.Expect(phone.Locator(".q-flag-tag")).ToHaveCountAsync(1);
        await plain.CloseAsync();
    }

    /// <summary>Answers a question whatever type the random draw gave it: a choice ticked, a text or number typed, every
    /// prompt of a matching question given its first answer. An ordering question's selects post the order shown, which is
    /// an answer as it stands.</summary>
    private static async Task AnswerAsync(ILocator question)
    {
        var choice = question.Locator("input[type=radio], input[type=checkbox]");
        var text = question.Locator("input[type=text]");
        var matches = question.Locator(".matching select");
        if (await choice.CountAsync() > 0)
        {
            await choice.First.CheckAsync();
        }
        else if (await text.CountAsync() > 0)
        {
            await text.FillAsync("1");
        }
        else
        {
            for (var i = await matches.CountAsync() - 1; i >= 0; i--)
            {
                await matches.Nth(i).SelectOptionAsync(new SelectOptionValue { Index = 1 });
            }
        }
    }
}
