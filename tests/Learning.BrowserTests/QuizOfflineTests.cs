using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>
/// Issue 11: a cadre takes a timed quiz on a phone and loses the connection halfway. Answers given offline (on this page and
/// the next; every page is in the document) wait in local storage, go to the server when the connection returns, survive a
/// reload, and count when the attempt is submitted; passing completes the quiz lesson.
/// </summary>
public sealed partial class QuizOfflineTests
{
    private const string Password = "Thunghiem2026x";
    private const string LessonUrl = "/Courses/khoa-kiem-tra-ngoai-tuyen/bai-kiem-tra";
    private const int Questions = 16;
    private const int MaxAttemptPageBytes = 60 * 1024;

    [Fact]
    public async Task TimedQuizOnAPhone_AnswersGivenOfflineAreKeptSentOnReconnectAndGraded()
    {
        // A quiz of 16 questions drawn from the shipped shared bank "Sẵn sàng ký số", the only lesson of a course assigned to Nha Trang.
        var env = new Dictionary<string, string> { ["JOURNEY_PASSWORD"] = Password };
        await using var site = await RunningSite.StartWithRecipeAsync($$"""
        { "name": "quiz-offline", "steps": [
            { "name": "cadres", "cadres": [ { "email": "hoc.vien@example.vn", "fullName": "Đặng Thị Học Viên", "position": "Công chức Văn phòng – Thống kê", "unit": "KH-NHATRANG-VP" } ] },
            { "name": "users", "users": [ { "email": "hoc.vien@example.vn", "displayName": "Đặng Thị Học Viên", "roles": ["Cadre"], "passwordEnv": "JOURNEY_PASSWORD" } ] },
            { "name": "quizzes", "quizzes": [ { "key": "kt-ngoai-tuyen", "title": "Kiểm tra sẵn sàng ký số (thử nghiệm)", "timeLimitMinutes": 30, "attempts": 0,
                "passPercent": 80, "questionsPerPage": 2, "shuffleQuestions": true, "shuffleOptions": true,
                "review": { "during": ["answer"], "immediately": ["answer", "correctness", "marks", "feedback"], "laterOpen": ["answer", "correctness", "marks"], "afterClose": ["answer", "correctness", "marks"] },
                "overallFeedback": [ { "from": 80, "text": "Bạn đã **sẵn sàng** để đề nghị cấp chữ ký số chuyên dùng công vụ." }, { "text": "Hãy học lại khóa rồi làm lại bài." } ],
                "slots": [ { "random": {{Questions}}, "category": "Sẵn sàng ký số", "mark": 1 } ] } ] },
            { "name": "courses", "courses": [ { "slug": "khoa-kiem-tra-ngoai-tuyen", "title": "Khóa có bài kiểm tra ngoại tuyến", "publish": true, "modules": [
                { "key": "m1", "title": "Kiểm tra", "lessons": [
                    { "key": "bai-kiem-tra", "title": "Bài kiểm tra", "kind": "quiz", "reference": "kt-ngoai-tuyen", "required": true, "minutes": 30 } ] } ] } ] },
            { "name": "assignments", "assignments": [ { "course": "khoa-kiem-tra-ngoai-tuyen", "target": "unit", "value": "KH-NHATRANG", "dueDays": 30 } ] } ] }
        """, env);
        var bank = ReadBank();

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
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Journey.SignInAsync(page, "hoc.vien@example.vn", Password);

        // The quiz lesson, its start button; the attempt page counts down.
        await page.GotoAsync(LessonUrl);
        await page.ClickAsync("#quiz-start");
        await Assertions.Expect(page).ToHaveURLAsync(AttemptUrl());
        var attempt = page.Url.Split('/')[^1].Split('?')[0];
        await Assertions.Expect(page.Locator("#timer")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#timer-left")).ToHaveTextAsync(Countdown());
        var first = await page.Locator("#timer-left").TextContentAsync();
        await page.WaitForTimeoutAsync(1500);
        Assert.NotEqual(first, await page.Locator("#timer-left").TextContentAsync());
        Assert.Equal(Questions, await page.Locator("fieldset.question").CountAsync());

        // Page weight: the document holds every page of questions, so it must stay small for a phone on 3G.
        var html = await context.APIRequest.GetAsync(page.Url);
        var bytes = (await html.BodyAsync()).Length;
        Console.WriteLine($"attempt page for {Questions} questions: {bytes} bytes ({bytes / 1024.0:0.0} KB)");
        Assert.True(bytes < MaxAttemptPageBytes, $"the attempt page weighs {bytes} bytes");

        var pristine = await FormStateAsync(page);

        // Online: one answer, saved.
        var pageOne = page.Locator(".attempt-page:not([hidden]) fieldset.question");
        await AnswerAsync(pageOne.Nth(0), bank);
        var dots = page.Locator("#page-dots .dot");
        await Assertions.Expect(dots.Nth(0)).ToHaveClassAsync(new Regex(@"\bpart\b")); // one of its two questions answered
        // A save that crosses an answer being recorded is retried after 4 s: more than the default 5 s wait on a busy machine.
        await Assertions.Expect(page.Locator("#save-state")).ToHaveAttributeAsync("data-state", "saved", new() { Timeout = 20_000 });
        // A flag on the page's second question (to come back to it): pressed, its page button marked, sent with a save.
        var flagOne = pageOne.Nth(1).Locator(".q-flag");
        await flagOne.ClickAsync();
        await Assertions.Expect(flagOne).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(flagOne).ToHaveTextAsync("Đã đánh dấu");
        await Assertions.Expect(dots.Nth(0)).ToHaveClassAsync(new Regex(@"\bflagged\b"));
        await Assertions.Expect(page.Locator("#save-state")).ToHaveAttributeAsync("data-state", "saved", new() { Timeout = 20_000 });
        Assert.Null(await page.EvaluateAsync<string?>("key => localStorage.getItem(key)", "learning.quiz." + attempt + ".flags"));
        await Browser.ScreenshotAsync(page, "11-quiz-attempt-online");
        await AssertFitsThePhoneAsync(page);

        // The connection goes: the second answer of this page and both of the next page wait on the phone.
        await context.SetOfflineAsync(true);
        await Assertions.Expect(page.Locator("#save-state")).ToHaveTextAsync("Mất kết nối. Bạn vẫn có thể tiếp tục làm bài; các thay đổi sẽ tự gửi khi có mạng."); // nothing waiting yet
        await AnswerAsync(pageOne.Nth(1), bank);
        await page.ClickAsync("#page-next");
        await Assertions.Expect(page.Locator("#page-label")).ToHaveTextAsync("Trang 2/8");
        var pageTwo = page.Locator(".attempt-page[data-page='1'] fieldset.question");
        await Assertions.Expect(pageTwo.First).ToBeVisibleAsync();
        await AnswerAsync(pageTwo.Nth(0), bank);
        await AnswerAsync(pageTwo.Nth(1), bank);
        await pageTwo.Nth(0).Locator(".q-flag").ClickAsync(); // offline too: the flag waits on the phone with the answers
        Assert.NotNull(await page.EvaluateAsync<string?>("key => localStorage.getItem(key)", "learning.quiz." + attempt + ".flags"));
        var state = page.Locator("#save-state");
        await Assertions.Expect(state).ToHaveAttributeAsync("data-state", "offline");
        await Assertions.Expect(dots.Nth(0)).ToHaveClassAsync(new Regex(@"\bdone\b")); // each page's button says it is answered, offline too
        await Assertions.Expect(dots.Nth(1)).ToHaveClassAsync(new Regex(@"\bdone\b"));
        await Assertions.Expect(dots.Nth(2)).Not.ToHaveClassAsync(new Regex(@"\b(done|part)\b"));
        await Assertions.Expect(state).ToContainTextAsync("Mất kết nối: 3 câu trả lời được giữ trên máy này");
        var stored = await page.EvaluateAsync<string>("key => localStorage.getItem(key)", "learning.quiz." + attempt);
        using (var waiting = JsonDocument.Parse(stored))
        {
            Assert.Equal(3, waiting.RootElement.EnumerateObject().Count());
        }

        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Browser.ScreenshotAsync(page, "11-quiz-offline");

        // It comes back: the waiting answers are sent without the cadre doing anything.
        await context.SetOfflineAsync(false);
        await Assertions.Expect(state).ToHaveAttributeAsync("data-state", "saved", new() { Timeout = 20_000 });
        await Assertions.Expect(state).ToContainTextAsync("Đã lưu");
        Assert.Equal("{}", await page.EvaluateAsync<string>("key => localStorage.getItem(key)", "learning.quiz." + attempt));
        Assert.Null(await page.EvaluateAsync<string?>("key => localStorage.getItem(key)", "learning.quiz." + attempt + ".flags"));

        // A reload shows what the server holds (nothing is left in local storage): the same page, every answer in place.
        var before = await FormStateAsync(page);
        Assert.NotEqual(pristine, before); // the four answers are there (the draw decides their kinds: not always a ticked box)
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#page-label")).ToHaveTextAsync("Trang 2/8");
        Assert.Equal(before, await FormStateAsync(page));
        // The server draws the page buttons from what it holds: the two answered (and flagged) pages are marked before any script runs.
        var served = await (await context.APIRequest.GetAsync(page.Url)).TextAsync();
        Assert.Matches("<button class=\"dot\\s+done flagged\" name=\"go\" value=\"0\" aria-label=\"Trang 1/8: đã trả lời 2/2 câu, có câu đã đánh dấu\"", System.Net.WebUtility.HtmlDecode(served));
        await Assertions.Expect(dots.Nth(1)).ToHaveAttributeAsync("aria-label", "Trang 2/8: đã trả lời 2/2 câu, có câu đã đánh dấu");
        // Both flags came back from the server: the one given online and the one given offline.
        await Assertions.Expect(page.Locator(".q-flag[aria-pressed='true']")).ToHaveCountAsync(2);
        await Assertions.Expect(pageTwo.Nth(0).Locator(".q-flag")).ToHaveAttributeAsync("aria-pressed", "true");

        // The summary before submitting: every question with its state and flag; a question's number leads back to it.
        await page.ClickAsync("#attempt-submit");
        var summary = page.Locator("#attempt-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#summary-count")).ToHaveTextAsync($"Đã trả lời 4/{Questions} câu. 2 câu đã đánh dấu để xem lại.");
        await Assertions.Expect(page.Locator("#summary-rows tr")).ToHaveCountAsync(Questions);
        await Assertions.Expect(page.Locator("#summary-rows tr.unanswered")).ToHaveCountAsync(Questions - 4);
        await Assertions.Expect(page.Locator("#summary-rows .q-flag-tag")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".attempt-page:not([hidden]) fieldset.question").First).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "11-quiz-summary");
        await AssertFitsThePhoneAsync(page);
        var flaggedSlot = await pageTwo.Nth(0).GetAttributeAsync("data-slot");
        await page.Locator($"#summary-rows .summary-go[data-slot='{flaggedSlot}']").ClickAsync();
        await Assertions.Expect(summary).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#page-label")).ToHaveTextAsync("Trang 2/8");
        await Assertions.Expect(pageTwo.Nth(0)).ToBeInViewportAsync();
        // The rest, page by page, online; then submit from the summary.
        for (var p = 2; p < Questions / 2; p++)
        {
            var fieldsets = page.Locator($".attempt-page[data-page='{p}'] fieldset.question");
            await page.ClickAsync("#page-next");
            await Assertions.Expect(fieldsets.First).ToBeVisibleAsync();
            await AnswerAsync(fieldsets.Nth(0), bank);
            await AnswerAsync(fieldsets.Nth(1), bank);
        }

        await Assertions.Expect(state).ToHaveAttributeAsync("data-state", "saved", new() { Timeout = 20_000 });
        await page.ClickAsync("#attempt-submit");
        await Assertions.Expect(page.Locator("#summary-count")).ToHaveTextAsync($"Đã trả lời {Questions}/{Questions} câu. 2 câu đã đánh dấu để xem lại.");
        await page.ClickAsync("#summary-submit");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Quizzes/Review/"));
        await Assertions.Expect(page.Locator("fieldset.question .q-flag-tag")).ToHaveCountAsync(2); // the review keeps what the cadre flagged
        await Assertions.Expect(page.Locator("#review-score")).ToHaveTextAsync($"{Questions}/{Questions} điểm (100%)");
        await Assertions.Expect(page.Locator("#review-outcome")).ToContainTextAsync("Chúc mừng, bạn đã đạt");
        await Assertions.Expect(page.Locator("#review-feedback")).ToHaveTextAsync("Bạn đã sẵn sàng để đề nghị cấp chữ ký số chuyên dùng công vụ."); // the quiz's overall feedback for 100 %
        Assert.Equal(Questions, await page.Locator("fieldset.question.q-right").CountAsync());
        await Browser.ScreenshotAsync(page, "11-quiz-review");
        await AssertFitsThePhoneAsync(page);

        // Passing completes the quiz lesson, and with it the course.
        await page.ClickAsync("#review-back");
        await Assertions.Expect(page.Locator("#lesson-done")).ToBeVisibleAsync();
        await page.GotoAsync("/Learning");
        await Assertions.Expect(page.Locator("#completed")).ToContainTextAsync("Khóa có bài kiểm tra ngoại tuyến");
    }

    /// <summary>Every form control of the attempt (name, value, checked), sorted: a reload shows ordering items in their saved order.</summary>
    private static Task<string> FormStateAsync(IPage page) => page.EvaluateAsync<string>(
        "() => [...document.querySelectorAll('#attempt-form [name^=q]')].map(e => e.name + '=' + e.value + (e.type === 'radio' || e.type === 'checkbox' ? (e.checked ? '+' : '-') : '')).sort().join('\\n')");

    /// <summary>Nothing wider than the phone; every control a finger presses is at least 40 px tall.</summary>
    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"the page is {width} px wide on a 360 px phone");
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.choices label, .match-row select, .ordering select, .q-answer input, .q-answer textarea, .attempt-nav .btn, .page-dots .dot, #attempt-submit, #review-back, .q-flag, .summary-go, #summary-back, #summary-submit')]
                .filter(e => e.offsetParent !== null)
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([, r]) => r.height < 40 || r.width < 40)
                .map(([e, r]) => e.tagName + '.' + e.className + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))
            """);
        Assert.True(small.Length == 0, "touch targets under 40 px: " + string.Join("; ", small));
    }

    /// <summary>The right answer to a question of the shipped bank, found by its text, given the way a person does.</summary>
    internal static async Task AnswerAsync(ILocator fieldset, IReadOnlyList<JsonElement> bank)
    {
        var text = Normalize(await fieldset.Locator(".q-text").InnerTextAsync());
        var question = bank.SingleOrDefault(q => Normalize(q.GetProperty("text").GetString()!) == text);
        Assert.True(question.ValueKind == JsonValueKind.Object, "not in the bank: " + text);
        var type = question.GetProperty("type").GetString();
        var options = question.TryGetProperty("options", out var o) ? o.EnumerateArray().ToList() : [];
        switch (type)
        {
            case "SingleChoice" or "MultipleChoice":
                for (var i = 0; i < options.Count; i++)
                {
                    if (options[i].TryGetProperty("fraction", out var f) && f.GetDouble() > 0)
                    {
                        await fieldset.GetByLabel(options[i].GetProperty("text").GetString()!, new() { Exact = true }).CheckAsync();
                    }
                }

                break;
            case "TrueFalse":
                await fieldset.GetByLabel(question.GetProperty("answer").GetBoolean() ? "Đúng" : "Sai", new() { Exact = true }).CheckAsync();
                break;
            case "ShortAnswer":
                await fieldset.Locator("input[type=text]").FillAsync(options[0].GetProperty("text").GetString()!);
                // Enter in a text box, as a phone's keyboard "Go" does: it keeps the answer and changes nothing else (the form's
                // first button was a question's flag: Enter would have flagged it).
                await fieldset.Locator("input[type=text]").PressAsync("Enter");
                await fieldset.Locator("input[type=text]").BlurAsync();
                break;
            case "Numerical":
                var right = options.First(x => !x.TryGetProperty("fraction", out var f) || f.GetDouble() >= 1).GetProperty("text");
                await fieldset.Locator("input[type=text]").FillAsync(right.ValueKind == JsonValueKind.Number ? right.GetDouble().ToString(CultureInfo.InvariantCulture) : right.GetString()!);
                await fieldset.Locator("input[type=text]").BlurAsync();
                break;
            case "Matching":
                // The prompts' selects, in the order shown; each answer picked by the text the cadre reads.
                var prompts = question.GetProperty("pairs").EnumerateArray().Where(p => p.TryGetProperty("prompt", out _)).ToList();
                for (var i = 0; i < prompts.Count; i++)
                {
                    await fieldset.Locator("select").Nth(i).SelectOptionAsync(new SelectOptionValue { Label = prompts[i].GetProperty("answer").GetString()! });
                }

                break;
            case "Ordering":
                // Each item (listed in the right order in the bank) given its place, found by the text the cadre reads.
                for (var i = 0; i < options.Count; i++)
                {
                    var row = fieldset.Locator("ol.ordering label").Filter(new() { HasText = options[i].GetProperty("text").GetString()! });
                    await row.Locator("select").SelectOptionAsync((i + 1).ToString(CultureInfo.InvariantCulture));
                }

                break;
            default:
                Assert.Fail("no way to answer " + type);
                break;
        }
    }

    internal static List<JsonElement> ReadBank()
    {
        using var recipe = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File("content-recipes", "quizzes.recipe.json")));
        return [.. recipe.RootElement.GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("name").GetString() == "questionBank")
            .SelectMany(s => s.GetProperty("categories").EnumerateArray())
            .Where(c => c.GetProperty("name").GetString() == "Sẵn sàng ký số")
            .SelectMany(c => c.GetProperty("questions").EnumerateArray())
            .Select(q => q.Clone())];
    }

    private static string Normalize(string text) => Whitespace().Replace(text.Replace("**", "", StringComparison.Ordinal), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("/Quizzes/Attempt/[0-9a-f-]{36}")]
    private static partial Regex AttemptUrl();

    [GeneratedRegex(@"^\d+:\d{2}(:\d{2})?$")]
    private static partial Regex Countdown();
}
