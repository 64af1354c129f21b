using System.Net;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Security;
using Learning.Quizzes.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Quizzes;

public sealed class QuizEditorTests
{
    /// <summary>
    /// Issue 11: a trainer creates a quiz on the page (settings and review options), refused input says why and saves nothing,
    /// and slots draw from the bank; a cadre can then take it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Trainer_CreatesAQuizWithRandomSlots_AndRefusedInputSavesNothing(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);

        var bad = await trainer.PostFormAsync("/Admin/Quizzes/Edit", [new("Input.Key", "Có Dấu"), new("Input.Title", "Kiểm tra")], "/Admin/Quizzes/Edit?handler=Save");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("chữ thường không dấu", bad.Body, StringComparison.Ordinal);
        Assert.False(await site.WithDbAsync(db => db.Set<Quiz>().AnyAsync(q => q.Title == "Kiểm tra")));

        var saved = await trainer.PostFormAsync("/Admin/Quizzes/Edit",
        [
            new("Input.Key", "kt-thu-nghiem"), new("Input.Title", "Kiểm tra thử nghiệm"), new("Input.TimeLimitMinutes", "20"),
            new("Input.AttemptsAllowed", "2"), new("Input.GradingMethod", "Last"), new("Input.PassPercent", "70"), new("Input.QuestionsPerPage", "3"),
            new("Input.ShuffleQuestions", "true"), new("Input.ShuffleQuestions", "false"), new("Input.ShuffleOptions", "false"),
            new("Input.ReviewImmediately", "Answer"), new("Input.ReviewImmediately", "Marks"), new("Input.ReviewAfterClose", "RightAnswer"),
            new("Input.ReviewDuring", "RightAnswer"), // not a choice the form offers: answers are checked once submitted
        ], "/Admin/Quizzes/Edit?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var quiz = await site.WithDbAsync(db => db.Set<Quiz>().SingleAsync(q => q.Key == "kt-thu-nghiem"));
        Assert.Equal((1200, 2, GradingMethod.Last, 70m, 3), (quiz.TimeLimitSeconds!.Value, quiz.AttemptsAllowed, quiz.GradingMethod, quiz.PassPercent, quiz.QuestionsPerPage));
        Assert.True(quiz.ShuffleQuestions);
        Assert.False(quiz.ShuffleOptions);
        Assert.Equal(ReviewItems.Answer | ReviewItems.Marks, quiz.ReviewImmediately);
        Assert.Equal(ReviewItems.RightAnswer, quiz.ReviewAfterClose);
        Assert.Equal(ReviewItems.Answer, quiz.ReviewDuring);
        var editor = await trainer.GetAsync("/Admin/Quizzes/Edit?key=kt-thu-nghiem");
        Assert.Contains("id=\"review-during-note\"", editor.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.ReviewDuring\"", editor.Body, StringComparison.Ordinal);

        var category = await site.WithDbAsync(db => db.Set<QuestionCategory>().Where(c => c.CourseSlug == "chu-ky-so-cong-vu" && c.ParentId == null).Select(c => c.Id).FirstAsync());
        var tooMany = await trainer.PostFormAsync("/Admin/Quizzes/Edit?key=kt-thu-nghiem", [new("category", $"{category}"), new("count", "400")], "/Admin/Quizzes/Edit?handler=AddRandom&key=kt-thu-nghiem");
        Assert.Contains("không có đủ câu hỏi", tooMany.Body, StringComparison.Ordinal);
        var added = await trainer.PostFormAsync("/Admin/Quizzes/Edit?key=kt-thu-nghiem", [new("category", $"{category}"), new("count", "6"), new("mark", "1")], "/Admin/Quizzes/Edit?handler=AddRandom&key=kt-thu-nghiem");
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var slot = Assert.Single(await site.WithDbAsync(db => db.Set<QuizSlot>().Where(s => s.QuizId == quiz.Id).ToListAsync()));
        Assert.Equal(6, slot.RandomCount);

        var page = await trainer.GetAsync("/Admin/Quizzes/Edit?key=kt-thu-nghiem");
        Assert.Contains("id=\"quiz-slots\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("kt-thu-nghiem", (await trainer.GetAsync("/Admin/Quizzes")).Body, StringComparison.Ordinal);

        // A cadre can take it (outside a course), with the new settings.
        using var cadre = await site.SignedInAsync(QuizFixtures.NhaTrangCadre);
        var card = await cadre.GetAsync("/Quizzes/kt-thu-nghiem");
        Assert.Contains("20 phút", card.Body, StringComparison.Ordinal);
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", QuizFixtures.Field(card.Body, "__RequestVerificationToken"))]);
        using var start = await cadre.Http.PostAsync("/Quizzes/kt-thu-nghiem", content);
        var started = QuizFixtures.StartedAttempt(start.StatusCode, start.Headers.Location?.OriginalString, await start.Content.ReadAsStringAsync());
        Assert.Equal(6, (await QuizFixtures.AttemptQuestionsAsync(site, started)).Count);
    }

    /// <summary>
    /// Moodle's overall feedback: a trainer gives a text per band of the score; a cadre's review shows the text of the band their
    /// percent reaches, with the marks and only where the review options show marks. Two bands from the same percent are
    /// refused and change nothing.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Trainer_GivesOverallFeedbackPerBand_AndTheReviewShowsTheScoresBandWithTheMarks(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await QuizFixtures.SeedAsync(site);
        await MatrixSite.CreateStaffAsync(site);
        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);
        const string edit = "/Admin/Quizzes/Edit?key=kt-ky-so";
        KeyValuePair<string, string>[] Settings(string marksShown) =>
        [
            new("Input.Key", "kt-ky-so"), new("Input.Title", "Kiểm tra chữ ký số"), new("Input.PassPercent", "80"), new("Input.QuestionsPerPage", "2"),
            new("Input.AttemptsAllowed", "0"), new("Input.ReviewImmediately", "Answer"), new("Input.ReviewImmediately", marksShown),
        ];

        var twice = await trainer.PostFormAsync(edit, [.. Settings("Marks"),
            new("Input.Feedback[0].From", "50"), new("Input.Feedback[0].Text", "Một"), new("Input.Feedback[1].From", "50"), new("Input.Feedback[1].Text", "Hai")], edit + "&handler=Save");
        Assert.Equal(HttpStatusCode.BadRequest, twice.Status);
        Assert.Contains("hai mức không được bắt đầu từ cùng một điểm phần trăm", twice.Body, StringComparison.Ordinal);
        Assert.Null(await site.WithDbAsync(db => db.Set<Quiz>().Where(q => q.Key == "kt-ky-so").Select(q => q.OverallFeedback).SingleAsync()));

        var saved = await trainer.PostFormAsync(edit, [.. Settings("Marks"),
            new("Input.Feedback[0].From", ""), new("Input.Feedback[0].Text", "Hãy học lại bài [Chữ ký số là gì?](/Courses/khoa-kt-ky-so) rồi làm lại."),
            new("Input.Feedback[1].From", "80"), new("Input.Feedback[1].Text", "**Sẵn sàng** để đề nghị cấp chữ ký số."),
            new("Input.Feedback[2].From", "40"), new("Input.Feedback[2].Text", "  "), // no text: not a band
        ], edit + "&handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var stored = await site.WithDbAsync(db => db.Set<Quiz>().Where(q => q.Key == "kt-ky-so").Select(q => q.OverallFeedback).SingleAsync());
        Assert.Equal([80m, 0m], Learning.Quizzes.Services.OverallFeedback.Read(stored).Select(b => b.From));
        var editor = (await trainer.GetAsync(edit)).Body;
        Assert.Contains("name=\"Input.Feedback[0].From\" value=\"80\"", editor, StringComparison.Ordinal);
        Assert.Contains("**Sẵn sàng** để đề nghị cấp chữ ký số.</textarea>", editor, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Feedback[3].Text\"", editor, StringComparison.Ordinal); // two empty rows to add more

        // Submitted empty: 0 %, the lowest band. Then every answer right: 100 %, the highest.
        using var cadre = await site.SignedInAsync(QuizFixtures.NhaTrangCadre);
        var empty = await QuizFixtures.StartFromLessonAsync(cadre);
        await QuizFixtures.SubmitAsync(cadre, empty, QuizFixtures.Field((await cadre.GetAsync($"/Quizzes/Attempt/{empty}")).Body, "__RequestVerificationToken"));
        var low = (await cadre.GetAsync($"/Quizzes/Review/{empty}")).Body;
        Assert.Contains("id=\"review-feedback\"", low, StringComparison.Ordinal);
        Assert.Contains("Hãy học lại bài <a href=\"/Courses/khoa-kt-ky-so\"", low, StringComparison.Ordinal);
        Assert.DoesNotContain("Sẵn sàng</strong>", low, StringComparison.Ordinal);

        var right = await QuizFixtures.StartFromLessonAsync(cadre);
        var pending = System.Text.Json.JsonSerializer.Serialize(
            (await QuizFixtures.QuestionsAsync(site, right)).Select(q => new { slot = q.Key, seq = 1L, response = QuizFixtures.RightAnswer(q.Value) }), System.Text.Json.JsonSerializerOptions.Web);
        await QuizFixtures.SubmitAsync(cadre, right, QuizFixtures.Field((await cadre.GetAsync($"/Quizzes/Attempt/{right}")).Body, "__RequestVerificationToken"), pending);
        var high = (await cadre.GetAsync($"/Quizzes/Review/{right}")).Body;
        Assert.Contains("100%", high, StringComparison.Ordinal);
        Assert.Contains("<strong>Sẵn sàng</strong> để đề nghị cấp chữ ký số.", high, StringComparison.Ordinal);
        Assert.DoesNotContain("Hãy học lại bài", high, StringComparison.Ordinal);

        // Marks not shown at this moment: neither is the band, which would tell them.
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.PostFormAsync(edit, [.. Settings("Correctness"),
            new("Input.Feedback[0].From", "80"), new("Input.Feedback[0].Text", "**Sẵn sàng** để đề nghị cấp chữ ký số.")], edit + "&handler=Save")).Status);
        var hidden = (await cadre.GetAsync($"/Quizzes/Review/{right}")).Body;
        Assert.Contains("id=\"review-no-marks\"", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"review-feedback\"", hidden, StringComparison.Ordinal);
    }

    /// <summary>
    /// Moodle's "require password": a quiz held in a hall asks for the word given out on the day. Without it or with a wrong one
    /// the start is refused with a Vietnamese message and nothing is stored; with it (as a phone types it: spaces around, the
    /// same marks) the attempt starts, and resuming it asks for nothing. The card never shows the password.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Trainer_SetsAStartPassword_ACadreStartsOnlyWithIt_AndResumesWithout(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, settings: new() { ["Learning:Quizzes:PasswordTries"] = "3" });
        await QuizFixtures.SeedAsync(site);
        await MatrixSite.CreateStaffAsync(site);
        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);
        const string edit = "/Admin/Quizzes/Edit?key=kt-ky-so";
        const string password = "Hội trường 2026";
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.PostFormAsync(edit,
        [
            new("Input.Key", "kt-ky-so"), new("Input.Title", "Kiểm tra chữ ký số"), new("Input.PassPercent", "80"), new("Input.QuestionsPerPage", "2"),
            new("Input.Password", $" {password} "),
        ], edit + "&handler=Save")).Status);
        Assert.Equal(password, await site.WithDbAsync(db => db.Set<Quiz>().Where(q => q.Key == "kt-ky-so").Select(q => q.Password).SingleAsync()));
        Assert.Contains($"name=\"Input.Password\" value=\"{password}\"", WebUtility.HtmlDecode((await trainer.GetAsync(edit)).Body), StringComparison.Ordinal);

        using var cadre = await site.SignedInAsync(QuizFixtures.NhaTrangCadre);
        using var other = await site.SignedInAsync(QuizFixtures.HacThanhCadre);
        var lesson = (await cadre.GetAsync(QuizFixtures.LessonUrl())).Body;
        Assert.Contains("id=\"quiz-password\"", lesson, StringComparison.Ordinal);
        Assert.DoesNotContain("2026\"", WebUtility.HtmlDecode(lesson), StringComparison.Ordinal);
        var token = QuizFixtures.Field(lesson, "__RequestVerificationToken");
        var place = QuizFixtures.Field(lesson, "place");
        var otherCard = (await other.GetAsync("/Quizzes/kt-ky-so")).Body; // not enrolled in the course: from the quiz's own page
        var (otherToken, otherPlace) = (QuizFixtures.Field(otherCard, "__RequestVerificationToken"), "");
        async Task<(HttpStatusCode Status, string? Location, string Body)> StartAsync(string? typed, bool byOther = false)
        {
            var (client, formToken, formPlace) = byOther ? (other, otherToken, otherPlace) : (cadre, token, place);
            // The card's form as it was first shown: once an attempt is in progress, the card offers "continue" instead.
            List<KeyValuePair<string, string>> fields = [new("__RequestVerificationToken", formToken), new("place", formPlace)];
            if (typed is not null)
            {
                fields.Add(new("password", typed));
            }

            using var content = new FormUrlEncodedContent(fields);
            using var response = await client.Http.PostAsync("/Quizzes/kt-ky-so", content);
            return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
        }

        var none = await StartAsync(null);
        Assert.Equal(HttpStatusCode.Conflict, none.Status);
        Assert.Contains("cần mật khẩu để bắt đầu", none.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"quiz-password\"", none.Body, StringComparison.Ordinal); // asked again, on the same card
        var wrong = await StartAsync("hội trường 2026");
        Assert.Equal(HttpStatusCode.Conflict, wrong.Status);
        Assert.Contains("Mật khẩu không đúng", wrong.Body, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Attempt>().CountAsync()));

        Assert.Equal(HttpStatusCode.Conflict, (await StartAsync("hoi truong 2026")).Status);

        var right = await StartAsync($"  {password} "); // the third try, and right: the count starts afresh
        var attempt = QuizFixtures.StartedAttempt(right.Status, right.Location, right.Body);
        var resumed = await StartAsync(null); // another tab still showing the card: the attempt in progress, no password asked
        Assert.Equal(HttpStatusCode.Redirect, resumed.Status);
        Assert.Equal($"/Quizzes/Attempt/{attempt}", resumed.Location);
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<Attempt>().CountAsync()));

        // Guessing from a phone outside the hall: three wrong tries (the site's limit here) and starting is refused for ten
        // minutes, the right password included. An empty field is asked for the password and not counted.
        Assert.Contains("Mật khẩu không đúng", (await StartAsync("1234", byOther: true)).Body, StringComparison.Ordinal);
        Assert.Contains("cần mật khẩu", (await StartAsync("  ", byOther: true)).Body, StringComparison.Ordinal);
        Assert.Contains("Mật khẩu không đúng", (await StartAsync("0000", byOther: true)).Body, StringComparison.Ordinal);
        var locked = await StartAsync("9999", byOther: true);
        Assert.Equal(HttpStatusCode.Conflict, locked.Status);
        Assert.Contains("sai mật khẩu quá nhiều lần. Bạn có thể thử lại từ ", locked.Body, StringComparison.Ordinal);
        var stillLocked = await StartAsync(password, byOther: true);
        Assert.Equal(HttpStatusCode.Conflict, stillLocked.Status);
        Assert.Contains("sai mật khẩu quá nhiều lần", stillLocked.Body, StringComparison.Ordinal);
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<Attempt>().CountAsync()));
    }

    /// <summary>
    /// A random slot the bank can no longer fill (a question archived, or a fixed question of the same category taking one
    /// of its questions) would silently give shorter attempts worth fewer marks: the editor flags it, and so does the bank
    /// right after the archive that caused it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ARandomSlotTheBankCanNoLongerFill_IsFlaggedInTheEditorAndAfterTheArchive(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);
        const string Editor = "/Admin/Quizzes/Edit?key=kt-du-cau";
        var saved = await trainer.PostFormAsync("/Admin/Quizzes/Edit", [new("Input.Key", "kt-du-cau"), new("Input.Title", "Kiểm tra đủ câu"), new("Input.PassPercent", "50"), new("Input.QuestionsPerPage", "5")], "/Admin/Quizzes/Edit?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var category = await site.WithDbAsync(db => db.Set<QuestionCategory>().Where(c => c.CourseSlug == "chu-ky-so-cong-vu" && c.ParentId == null).Select(c => c.Id).FirstAsync());
        var questions = await site.WithDbAsync(db => db.Set<Question>().Where(q => q.CategoryId == category && !q.Archived).OrderBy(q => q.Id).ToListAsync());
        var n = questions.Count;
        var added = await trainer.PostFormAsync(Editor, [new("category", $"{category}"), new("count", $"{n}"), new("mark", "1")], "/Admin/Quizzes/Edit?handler=AddRandom&key=kt-du-cau");
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        Assert.DoesNotContain("slot-short", (await trainer.GetAsync(Editor)).Body, StringComparison.Ordinal);

        // Archived from the bank: the bank names the quiz it leaves short, and the editor flags the slot.
        var archived = await trainer.PostFormAsync($"/Admin/Quizzes/Bank?category={category}", [], $"/Admin/Quizzes/Bank?handler=Archive&id={questions[0].Id}&category={category}");
        Assert.Equal(HttpStatusCode.Redirect, archived.Status);
        var bank = System.Net.WebUtility.HtmlDecode((await trainer.GetAsync(archived.Location!)).Body);
        Assert.Contains("id=\"short-quizzes\"", bank, StringComparison.Ordinal);
        Assert.Contains($"Kiểm tra đủ câu</a>: Danh mục chỉ còn {n - 1} câu để rút cho {n} câu ngẫu nhiên này", bank, StringComparison.Ordinal);
        Assert.Contains($"Danh mục chỉ còn {n - 1} câu để rút cho {n} câu", System.Net.WebUtility.HtmlDecode((await trainer.GetAsync(Editor)).Body), StringComparison.Ordinal);

        // A fixed question of the same category takes one more from the random slot; it is listed by name and key, not by id.
        var fixedQuestion = questions[1];
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.PostFormAsync(Editor, [new("question", fixedQuestion.Key!), new("mark", "1")], "/Admin/Quizzes/Edit?handler=AddFixed&key=kt-du-cau")).Status);
        var editor = System.Net.WebUtility.HtmlDecode((await trainer.GetAsync(Editor)).Body);
        Assert.Contains($"Câu hỏi cố định: {fixedQuestion.Name} ({fixedQuestion.Key})", editor, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{questions[2].Key}\">{questions[2].Name}</option>", editor, StringComparison.Ordinal); // picked from the bank by name
        Assert.Contains($"Danh mục chỉ còn {n - 2} câu để rút cho {n} câu", editor, StringComparison.Ordinal);

        // What the flag warns of: an attempt then holds n - 1 questions (the fixed one and the n - 2 left), not n + 1.
        using var cadre = await site.SignedInAsync(QuizFixtures.NhaTrangCadre);
        var card = await cadre.GetAsync("/Quizzes/kt-du-cau");
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", QuizFixtures.Field(card.Body, "__RequestVerificationToken"))]);
        using var start = await cadre.Http.PostAsync("/Quizzes/kt-du-cau", content);
        var started = QuizFixtures.StartedAttempt(start.StatusCode, start.Headers.Location?.OriginalString, await start.Content.ReadAsStringAsync());
        Assert.Equal(n - 1, (await QuizFixtures.AttemptQuestionsAsync(site, started)).Count);
    }

    /// <summary>
    /// Issue 11: a trainer previews a whole quiz as a cadre meets it (drawn, paged, timed, pass mark) and checks it: graded by the
    /// attempt's grader, the review as the chosen moment's options show it; nothing is stored, and a tampered draw is drawn anew.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Trainer_PreviewsAWholeQuiz_GradedAsACadreWouldBe_AndNothingIsStored(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);
        const string url = "/Admin/Quizzes/PreviewQuiz?key=kt-chu-ky-so-cong-vu";
        var before = await site.WithDbAsync(async db => (await db.Set<Attempt>().CountAsync(), await db.Set<AttemptEvent>().CountAsync(), await db.Set<Learning.Reports.Data.XapiStatement>().CountAsync()));

        // Ten questions drawn at random, two a page: five pages; no right answer in the page.
        var (status, body, _) = await trainer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Count(body, "<fieldset class=\"question"));
        Assert.Contains("10 câu · 5 trang · điểm đạt 80%", body, StringComparison.Ordinal);
        Assert.Contains("thời gian 15 phút", body, StringComparison.Ordinal);
        Assert.Contains("Trang 5/5", body, StringComparison.Ordinal);
        Assert.Contains("<strong>10 câu hỏi</strong>", body, StringComparison.Ordinal); // the intro, rendered as the cadre's card does
        Assert.DoesNotContain("is-right", body, StringComparison.Ordinal);
        var draw = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(body, "name=\"draw\" value=\"([^\"]+)\"").Groups[1].Value);

        // What was drawn (the test may read the seal; the page cannot): answer the first choice question right, leave the rest.
        var sealedDraw = site.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>()
            .CreateProtector("Learning.Quizzes.PreviewQuiz").ToTimeLimitedDataProtector().Unprotect(draw);
        using var drawn = System.Text.Json.JsonDocument.Parse(sealedDraw);
        var questions = drawn.RootElement.GetProperty("Questions").EnumerateArray()
            .Select(q => (Slot: q.GetProperty("Slot").GetInt32(), Version: q.GetProperty("VersionId").GetInt32(), Order: q.GetProperty("Order").GetString()!.Split(','))).ToList();
        Assert.Equal(10, questions.Select(q => q.Version).Distinct().Count());
        var definitions = await site.WithDbAsync(async db => (await db.Set<QuestionVersion>().Where(v => questions.Select(q => q.Version).Contains(v.Id)).ToListAsync())
            .ToDictionary(v => v.Id, v => Learning.Quizzes.Services.QuestionJson.Deserialize(v.Definition)));
        var chosen = questions.First(q => definitions[q.Version].Type is Learning.Quizzes.Services.QuestionType.SingleChoice or Learning.Quizzes.Services.QuestionType.TrueFalse);
        var right = definitions[chosen.Version].Options.Single(o => o.Fraction >= 1).Id;
        var place = (Array.IndexOf(chosen.Order, right) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var slot = chosen.Slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var chosenQuestion = await site.WithDbAsync(db => db.Set<QuestionVersion>().Where(v => v.Id == chosen.Version).Select(v => v.QuestionId).SingleAsync());
        Assert.Contains($"href=\"/Admin/Quizzes/Question?id={chosenQuestion}\"", body, StringComparison.Ordinal); // each question links to its editor

        var (graded, review, _) = await trainer.PostFormAsync(url, [new("draw", draw), new("moment", "immediately"), new("shown", slot), new($"q{slot}", place)], url);
        Assert.Equal(HttpStatusCode.OK, graded);
        Assert.Contains("Được 1 / 10 điểm (10%).", review, StringComparison.Ordinal);
        Assert.Contains("Chưa đạt (điểm đạt 80%).", review, StringComparison.Ordinal);
        // The shipped quiz's overall feedback for a score under 50 %, as its recipe gives it.
        Assert.Matches("id=\"preview-feedback\">.*Bạn nên học lại khóa từ bài <strong>Chữ ký số là gì\\?</strong>", review);
        Assert.Contains($"id=\"question-{slot}\"", review, StringComparison.Ordinal);
        Assert.Matches($"<fieldset class=\"question q-right\" id=\"question-{slot}\"", review);
        Assert.DoesNotContain("is-right", review, StringComparison.Ordinal); // "immediately" does not show the right answer here

        // The same draw, shown as after the quiz closes: the right answers too.
        var (_, closed, _) = await trainer.PostFormAsync(url, [new("draw", draw), new("moment", "closed"), new("shown", slot), new($"q{slot}", place)], url);
        Assert.Contains("is-right", closed, StringComparison.Ordinal);
        Assert.Contains("sau khi bài đóng", closed, StringComparison.Ordinal);

        // A tampered draw is not graded: a new draw, and a message that says so.
        var (tampered, again, _) = await trainer.PostFormAsync(url, [new("draw", draw[..^4] + "AAAA"), new("shown", slot), new($"q{slot}", place)], url);
        Assert.Equal(HttpStatusCode.OK, tampered);
        Assert.Contains("id=\"preview-redrawn\"", again, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"preview-score\"", again, StringComparison.Ordinal);

        // Nothing stored: no attempt, no attempt event, no learning statement.
        Assert.Equal(before, await site.WithDbAsync(async db => (await db.Set<Attempt>().CountAsync(), await db.Set<AttemptEvent>().CountAsync(), await db.Set<Learning.Reports.Data.XapiStatement>().CountAsync())));
        Assert.Contains("/Admin/Quizzes/PreviewQuiz?key=kt-chu-ky-so-cong-vu", (await trainer.GetAsync("/Admin/Quizzes/Edit?key=kt-chu-ky-so-cong-vu")).Body, StringComparison.Ordinal);

        // The course's preview shows its quiz lesson as the quiz module renders it in preview (no start), linking here.
        var courseId = await site.WithDbAsync(db => db.Set<Learning.Courses.Data.Course>().Where(c => c.Slug == "chu-ky-so-cong-vu").Select(c => c.Id).SingleAsync());
        var (coursePreview, courseBody, _) = await trainer.GetAsync($"/Admin/Courses/Preview/{courseId}");
        Assert.Equal(HttpStatusCode.OK, coursePreview);
        Assert.Contains("id=\"quiz-preview\"", courseBody, StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin/Quizzes/PreviewQuiz?key=kt-chu-ky-so-cong-vu\"", courseBody, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"quiz-start\"", courseBody, StringComparison.Ordinal);
        Assert.Equal(before, await site.WithDbAsync(async db => (await db.Set<Attempt>().CountAsync(), await db.Set<AttemptEvent>().CountAsync(), await db.Set<Learning.Reports.Data.XapiStatement>().CountAsync())));
    }
}
