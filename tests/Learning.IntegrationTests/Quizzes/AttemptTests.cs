using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.IntegrationTests.Security;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Internal;
using Microsoft.Extensions.DependencyInjection;
using static Learning.IntegrationTests.Quizzes.QuizFixtures;

namespace Learning.IntegrationTests.Quizzes;

public sealed class AttemptTests
{
    /// <summary>
    /// Issue 11: a cadre starts from the lesson, answers are saved and come back on reload, two submits racing grade once and
    /// show one result, a save after submission is refused and changes nothing, and passing completes the lesson.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Attempt_SavedAnswersResume_DoubleSubmitGradesOnce_AndPassingCompletesTheLesson(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await SeedAsync(site);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var userId = await UserIdAsync(site, NhaTrangCadre);

        var lesson = await cadre.GetAsync(LessonUrl());
        Assert.Contains("id=\"quiz-start\"", lesson.Body, StringComparison.Ordinal);
        var attempt = await StartFromLessonAsync(cadre);

        // Back on the lesson (another tab, the back button): it offers to continue the same attempt.
        Assert.Contains($"href=\"/Quizzes/Attempt/{attempt}\"", (await cadre.GetAsync(LessonUrl())).Body, StringComparison.Ordinal);
        var page = await cadre.GetAsync($"/Quizzes/Attempt/{attempt}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        // While the clock runs the page is the task: no site menu, no bell (the lesson page has both).
        Assert.Contains("data-notifications-count", lesson.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("data-notifications-count", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"sitenav\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/Logout\"", page.Body, StringComparison.Ordinal);

        // Nothing that gives the answer away reaches the browser during the attempt.
        Assert.DoesNotContain("BÍ-MẬT-PHẢN-HỒI-SAI", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Đúng: Ban Cơ yếu", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("fraction", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Định danh\" selected", page.Body, StringComparison.Ordinal);
        // Options, matching answers and ordering items are named by their place on the page, never by id: ids follow the
        // author's order ("a" is usually the right one), and a matching prompt's own id is its right answer.
        Assert.DoesNotMatch("name=\"q\\d+\" value=\"[^0-9\"]", page.Body);
        Assert.DoesNotMatch("name=\"q\\d+\\.[^0-9\"]", page.Body);
        Assert.DoesNotMatch("<option value=\"[^0-9\"]", page.Body);
        Assert.Matches("<select name=\"q\\d+\\.1\">", page.Body);

        var questions = await QuestionsAsync(site, attempt);
        Assert.Equal(Bank.Length, questions.Count);
        var answers = questions.Select(q => new { slot = q.Key, seq = 10L, response = RightAnswer(q.Value) }).ToList();
        var (status, body) = await SaveAsync(cadre, attempt, new { page = 1, answers });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Bank.Length, body.GetProperty("saved").GetArrayLength());

        // An older save arriving late (a phone that was offline) does not overwrite the newer answer.
        var single = questions.First(q => q.Value.Type == QuestionType.SingleChoice);
        (status, _) = await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = single.Key, seq = 5L, response = new QuestionResponse { Choices = [single.Value.Key("b")] } } } });
        Assert.Equal(HttpStatusCode.OK, status);

        // Reload: the same questions, the saved answers checked, the page the cadre was on.
        var reloaded = await cadre.GetAsync($"/Quizzes/Attempt/{attempt}");
        Assert.Contains("data-page=\"1\"", reloaded.Body, StringComparison.Ordinal);
        Assert.Matches($"name=\"q{single.Key}\" value=\"{single.Value.Key("a")}\" checked", reloaded.Body);

        // A link to another page (the no-script buttons redirect to one) shows that page: the query's "page", not Razor Pages' own route value.
        var first = await cadre.GetAsync($"/Quizzes/Attempt/{attempt}?page=0");
        Assert.Contains("data-page=\"0\" data-pages=", first.Body, StringComparison.Ordinal);

        // Two submits at once (a double click, two tabs): one grade, the same review for both.
        var token = Field(reloaded.Body, "__RequestVerificationToken");
        var submits = await Task.WhenAll(SubmitAsync(cadre, attempt, token), SubmitAsync(cadre, attempt, token));
        Assert.All(submits, s => Assert.Equal($"/Quizzes/Review/{attempt}", s.Location));
        var graded = await site.WithDbAsync(db => db.Set<Attempt>().Include(a => a.Events).SingleAsync(a => a.PublicId == attempt));
        Assert.Equal(AttemptState.Finished, graded.State);
        Assert.Equal(Bank.Length, graded.Score);
        Assert.True(graded.Passed);
        Assert.Single(graded.Events, e => e.Kind == AttemptEvents.Submitted);
        Assert.True(await LessonDoneAsync(site, userId));

        var review = await cadre.GetAsync($"/Quizzes/Review/{attempt}");
        Assert.Contains("id=\"review-score\"", review.Body, StringComparison.Ordinal);
        Assert.Contains("Đúng: Ban Cơ yếu", review.Body, StringComparison.Ordinal); // feedback "immediately after" is on by default

        // A save after submission is refused with a clear message and changes nothing.
        (status, body) = await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = single.Key, seq = 99L, response = new QuestionResponse { Choices = [single.Value.Key("b")] } } } });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("đã được nộp", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        var after = await site.WithDbAsync(db => db.Set<Attempt>().SingleAsync(a => a.PublicId == attempt));
        Assert.Equal(graded.Score, after.Score);
    }

    /// <summary>
    /// ADR-033: a start stores its questions on the attempt's row; two first saves racing write the question rows once and
    /// both answers land; an attempt submitted without a save gets its rows with their grades.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task TheDrawnQuestions_AreWrittenOnceByTheFirstSaves_OrByASubmitWithoutOne(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await SeedAsync(site);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var attempt = await StartFromLessonAsync(cadre);
        async Task<(string? Drawn, int Rows)> StoredAsync(Guid id) => await site.WithDbAsync(async db =>
            (await db.Set<Attempt>().Where(a => a.PublicId == id).Select(a => a.Drawn).SingleAsync(),
             await db.Set<AttemptQuestion>().CountAsync(q => db.Set<Attempt>().Any(a => a.PublicId == id && a.Id == q.AttemptId))));
        var (drawn, rows) = await StoredAsync(attempt);
        Assert.NotNull(drawn);
        Assert.Equal(0, rows);
        // The start writes every column of the attempt and its log itself (StartWriter): none may be left out.
        var model = await site.WithDbAsync(db => Task.FromResult(db.Model));
        Assert.Equal(
            model.FindEntityType(typeof(Attempt))!.GetProperties().Select(p => p.Name).Where(n => n != nameof(Attempt.Id)).Order(),
            AttemptColumns.Attempt.Select(c => c.Property).Order());
        Assert.Equal(
            model.FindEntityType(typeof(AttemptEvent))!.GetProperties().Select(p => p.Name).Where(n => n != nameof(AttemptEvent.Id)).Order(),
            AttemptColumns.Event.Select(c => c.Property).Order());
        var started = await site.WithDbAsync(db => db.Set<Attempt>().Include(a => a.Events).SingleAsync(a => a.PublicId == attempt));
        Assert.Equal(AttemptState.InProgress, started.State);
        Assert.NotNull(started.CourseId);
        Assert.Equal(Bank.Length, started.MaxScore);
        Assert.Equal(AttemptEvents.Started, Assert.Single(started.Events).Kind);

        var questions = await QuestionsAsync(site, attempt);
        var two = questions.Take(2).ToList();
        var saves = await Task.WhenAll(two.Select(q => SaveAsync(cadre, attempt, new { answers = new[] { new { slot = q.Key, seq = 1L, response = RightAnswer(q.Value) } } })));
        Assert.All(saves, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        (drawn, rows) = await StoredAsync(attempt);
        Assert.Null(drawn);
        Assert.Equal(Bank.Length, rows);
        var stored = await AttemptQuestionsAsync(site, attempt);
        Assert.All(two, q => Assert.NotNull(stored.Single(s => s.Slot == q.Key).Response));
        Assert.Equal(Bank.Length - 2, stored.Count(s => s.Response is null));
        Assert.Equal(questions.Keys.Order(), stored.Select(s => s.Slot));

        // A cadre who submits without a single save: the rows are written with the grades.
        using var other = await site.SignedInAsync(HacThanhCadre); // not enrolled in the course: from the quiz's own page
        var card = (await other.GetAsync("/Quizzes/kt-ky-so")).Body;
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", Field(card, "__RequestVerificationToken")), new("place", "")]);
        using var start = await other.Http.PostAsync("/Quizzes/kt-ky-so", form);
        var unsaved = StartedAttempt(start.StatusCode, start.Headers.Location?.OriginalString, await start.Content.ReadAsStringAsync());
        Assert.Equal(0, (await StoredAsync(unsaved)).Rows);
        var submitted = await SubmitAsync(other, unsaved, Field((await other.GetAsync($"/Quizzes/Attempt/{unsaved}")).Body, "__RequestVerificationToken"));
        Assert.Equal($"/Quizzes/Review/{unsaved}", submitted.Location);
        (drawn, rows) = await StoredAsync(unsaved);
        Assert.Null(drawn);
        Assert.Equal(Bank.Length, rows);
        var graded = await site.WithDbAsync(db => db.Set<Attempt>().Include(a => a.Questions).SingleAsync(a => a.PublicId == unsaved));
        Assert.Equal(0m, graded.Score);
        Assert.All(graded.Questions, q => Assert.Equal(0m, q.Fraction));
        Assert.Equal(Bank.Length, (await QuestionsAsync(site, unsaved)).Count);
    }

    /// <summary>
    /// A submit carrying the page's last answers (the script's pending ones here) saves them in the grading's own transaction,
    /// into an attempt never saved before too (its draw is written out then), and two such submits racing save them once and
    /// grade once.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Submit_WithLastAnswers_SavesThemWithTheGrading_OnceUnderADoubleSubmit(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await SeedAsync(site);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var attempt = await StartFromLessonAsync(cadre);
        var questions = await QuestionsAsync(site, attempt);
        var pending = JsonSerializer.Serialize(questions.Select(q => new { slot = q.Key, seq = 1L, response = RightAnswer(q.Value) }), JsonSerializerOptions.Web);
        var token = Field((await cadre.GetAsync($"/Quizzes/Attempt/{attempt}")).Body, "__RequestVerificationToken");
        Assert.NotNull(await site.WithDbAsync(db => db.Set<Attempt>().Where(a => a.PublicId == attempt).Select(a => a.Drawn).SingleAsync()));

        var submits = await Task.WhenAll(SubmitAsync(cadre, attempt, token, pending), SubmitAsync(cadre, attempt, token, pending));
        Assert.All(submits, s => Assert.Equal($"/Quizzes/Review/{attempt}", s.Location));
        var graded = await site.WithDbAsync(db => db.Set<Attempt>().Include(a => a.Events).Include(a => a.Questions).SingleAsync(a => a.PublicId == attempt));
        Assert.Null(graded.Drawn);
        Assert.Equal(Bank.Length, graded.Questions.Count);
        Assert.All(graded.Questions, q => Assert.Equal(1m, q.Fraction));
        Assert.Equal(AttemptState.Finished, graded.State);
        Assert.Equal(Bank.Length, graded.Score);
        Assert.Single(graded.Events, e => e.Kind == AttemptEvents.Saved);
        Assert.Single(graded.Events, e => e.Kind == AttemptEvents.Submitted);
    }

    /// <summary>
    /// Moodle's "Flag question": flags go with a save (the whole set, also into an attempt whose questions are only drawn),
    /// come back on the page and its page buttons, toggle without the script, ride on the submit, and show in the cadre's review
    /// and the trainer's view. A flag on a question not in the attempt, or after submission, is refused and changes nothing.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Flags_SavedWithTheAnswersOrWithoutTheScript_KeptThroughTheSubmit_AndShownInTheReviews(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await SeedAsync(site);
        await MatrixSite.CreateStaffAsync(site);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var attempt = await StartFromLessonAsync(cadre);
        Task<string?> FlaggedAsync() => site.WithDbAsync(db => db.Set<Attempt>().Where(a => a.PublicId == attempt).Select(a => a.Flagged).SingleAsync());
        var page = (await cadre.GetAsync($"/Quizzes/Attempt/{attempt}")).Body;
        var questions = await QuestionsAsync(site, attempt);
        Assert.Equal(questions.Count, Regex.Count(page, "<button class=\"q-flag\" name=\"flag\" value=\"\\d+\" aria-pressed=\"false\">"));
        Assert.Contains("id=\"attempt-summary\" hidden", page, StringComparison.Ordinal);
        Assert.Null(await FlaggedAsync());

        // The script's save: the set, in any order; the page then shows them pressed, and their page buttons marked.
        var (first, third) = (questions.Keys.Min(), questions.Keys.Order().ElementAt(2));
        var (status, _) = await SaveAsync(cadre, attempt, new { page = 0, answers = Array.Empty<object>(), flags = new[] { third, first } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"{first},{third}", await FlaggedAsync());
        page = (await cadre.GetAsync($"/Quizzes/Attempt/{attempt}")).Body;
        Assert.Contains($"name=\"flag\" value=\"{first}\" aria-pressed=\"true\">Đã đánh dấu<", page, StringComparison.Ordinal);
        Assert.Contains($"name=\"flag\" value=\"{third}\" aria-pressed=\"true\">", page, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(page, "aria-pressed=\"true\""));
        Assert.Matches("class=\"dot current\\s+flagged\" name=\"go\" value=\"0\" aria-label=\"[^\"]*có câu đã đánh dấu\"", page);

        // A save without flags leaves them; a flag on a question not in the attempt is refused with the answer it came with.
        var single = questions.First(q => q.Value.Type == QuestionType.SingleChoice);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = single.Key, seq = 1L, response = RightAnswer(single.Value) } } })).Status);
        Assert.Equal($"{first},{third}", await FlaggedAsync());
        var (foreign, body) = await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = single.Key, seq = 2L, response = new QuestionResponse { Choices = [single.Value.Key("b")] } } }, flags = new[] { first, 99 } });
        Assert.Equal(HttpStatusCode.BadRequest, foreign);
        Assert.Equal("Answer.UnknownQuestion", body.GetProperty("code").GetString());
        Assert.Equal($"{first},{third}", await FlaggedAsync());
        Assert.Equal(1, (await AttemptQuestionsAsync(site, attempt)).Single(q => q.Slot == single.Key).Sequence);

        // Without the script: a question's flag button posts the page (its answers saved) and comes back to it, flag toggled.
        var second = questions.Keys.Order().ElementAt(1);
        var token = Field(page, "__RequestVerificationToken");
        foreach (var (slot, expected) in new[] { (second, $"{first},{second},{third}"), (first, $"{second},{third}") })
        {
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("page", "0"), new("flag", $"{slot}")]);
            using var posted = await cadre.Http.PostAsync($"/Quizzes/Attempt/{attempt}?handler=Save", content);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.Equal($"/Quizzes/Attempt/{attempt}?page=0#question-{slot}", posted.Headers.Location?.OriginalString);
            Assert.Equal(expected, await FlaggedAsync());
        }

        // Without the script, "submit" saves the page and comes back with the summary made on the server: every question, its
        // state and flag, each a link back to its page; the final submit is the summary's own button.
        using (var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("page", "0"), new("summary", "true")]))
        {
            using var posted = await cadre.Http.PostAsync($"/Quizzes/Attempt/{attempt}?handler=Save", content);
            Assert.Equal($"/Quizzes/Attempt/{attempt}?page=0&summary=true#attempt-summary", posted.Headers.Location?.OriginalString);
        }

        var summary = (await cadre.GetAsync($"/Quizzes/Attempt/{attempt}?page=0&summary=true")).Body;
        Assert.Contains("id=\"attempt-form\" class=\"summary-open\"", summary, StringComparison.Ordinal);
        Assert.DoesNotMatch("id=\"attempt-summary\"[^>]*hidden", summary);
        Assert.Contains($">Đã trả lời 1/{questions.Count} câu. 2 câu đã đánh dấu để xem lại.</p>", summary, StringComparison.Ordinal);
        Assert.Equal(questions.Count, Regex.Count(summary, "<a class=\"summary-go\" href=\"/Quizzes/Attempt/[^\"]+\\?page=\\d+#question-\\d+\">"));
        Assert.Equal(questions.Count - 1, Regex.Count(summary, "<tr class=\"unanswered\">"));
        Assert.Matches($"(?s)<tr class=\"answered\">\\s*<td><a class=\"summary-go\" href=\"[^\"]*#question-{single.Key}\">", summary);
        Assert.Equal(2, Regex.Count(summary, "<span class=\"q-flag-tag\">"));
        Assert.Contains($"<a class=\"btn\" id=\"summary-back\" href=\"/Quizzes/Attempt/{attempt}?page=0\">", summary, StringComparison.Ordinal);
        // The page's addresses are written without tag helpers (ADR-045): the form's, the final submit's and the token inside the form.
        Assert.Contains($"id=\"attempt-form\" class=\"summary-open\" action=\"/Quizzes/Attempt/{attempt}?handler=Save\">", summary, StringComparison.Ordinal);
        Assert.Contains($"id=\"summary-submit\" formaction=\"/Quizzes/Attempt/{attempt}?handler=Submit\">", summary, StringComparison.Ordinal);
        Assert.Matches("(?s)<form [^>]*id=\"attempt-form\".*<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\" />\\s*</form>", summary);
        Assert.Equal(AttemptState.InProgress, await site.WithDbAsync(db => db.Set<Attempt>().Where(a => a.PublicId == attempt).Select(a => a.State).SingleAsync()));
        Assert.DoesNotContain("class=\"summary-open\"", (await cadre.GetAsync($"/Quizzes/Attempt/{attempt}?page=0")).Body, StringComparison.Ordinal);

        // The submit carries the set the script still held; the review marks those questions, as does the trainer's view.
        using (var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("page", "0"), new("pending", ""), new("flags", $"[{third}]")]))
        {
            using var submitted = await cadre.Http.PostAsync($"/Quizzes/Attempt/{attempt}?handler=Submit", content);
            Assert.Equal($"/Quizzes/Review/{attempt}", submitted.Headers.Location?.OriginalString);
        }

        Assert.Equal($"{third}", await FlaggedAsync());
        var review = (await cadre.GetAsync($"/Quizzes/Review/{attempt}")).Body;
        Assert.Matches($"(?s)id=\"question-{third}\".*?<span class=\"q-flag-tag\">Đã đánh dấu</span>", review);
        Assert.Equal(1, Regex.Count(review, "class=\"q-flag-tag\""));
        Assert.DoesNotContain("name=\"flag\"", review, StringComparison.Ordinal);
        using (var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail))
        {
            var view = (await trainer.GetAsync($"/Admin/Quizzes/Attempt/{attempt}")).Body;
            Assert.Equal(1, Regex.Count(view, "class=\"q-flag-tag\""));

            // The attempt log has a line per change of the set (the save that left it alone has none), in the order made.
            var changes = Regex.Matches(view, "<tr data-kind=\"Flagged\">(?:\\s*<td[^>]*>[^<]*</td>){3}\\s*<td[^>]*>([^<]*)</td>")
                .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
            Assert.Equal([$"+{first} +{third}", $"+{second}", $"−{first}", $"−{second}"], changes);
            Assert.Contains("Đánh dấu câu hỏi", view, StringComparison.Ordinal);
        }

        // After submission a flag is refused like an answer, and nothing changes.
        var (late, lateBody) = await SaveAsync(cadre, attempt, new { answers = Array.Empty<object>(), flags = new[] { first } });
        Assert.Equal(HttpStatusCode.Conflict, late);
        Assert.Equal("Attempt.AlreadySubmitted", lateBody.GetProperty("code").GetString());
        Assert.Equal($"{third}", await FlaggedAsync());
    }

    /// <summary>Issue 11, bad input: another cadre's attempt is a 404, a tampered option or a question not in the attempt is refused whole.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Save_RefusesTamperedOptionsForeignQuestionsAndOtherCadresAttempts_ChangingNothing(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await SeedAsync(site);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var attempt = await StartFromLessonAsync(cadre);
        var questions = await QuestionsAsync(site, attempt);
        var (single, shown) = questions.First(q => q.Value.Type == QuestionType.SingleChoice);
        var (status, _) = await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = single, seq = 1L, response = new QuestionResponse { Choices = [shown.Key("a")] } } } });
        Assert.Equal(HttpStatusCode.OK, status);

        // An option named by its id, not by its place on the page: not an answer the page could send (ids would give the right one away).
        var multiple = questions.First(q => q.Value.Type == QuestionType.MultipleChoice);
        var (byId, idBody) = await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = multiple.Key, seq = 2L, response = new QuestionResponse { Choices = ["a"] } } } });
        Assert.Equal(HttpStatusCode.BadRequest, byId);
        Assert.Equal("Answer.UnknownOption", idBody.GetProperty("code").GetString());

        var (tampered, body) = await SaveAsync(cadre, attempt, new { answers = new object[]
        {
            new { slot = single, seq = 2L, response = new QuestionResponse { Choices = [shown.Key("b")] } },
            new { slot = multiple.Key, seq = 2L, response = new QuestionResponse { Choices = [multiple.Value.Key("a"), "zzz"] } },
        } });
        Assert.Equal(HttpStatusCode.BadRequest, tampered);
        Assert.Equal("Answer.UnknownOption", body.GetProperty("code").GetString());
        Assert.Contains("không được lưu", body.GetProperty("message").GetString(), StringComparison.Ordinal);

        var (foreign, _) = await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = 99, seq = 4L, response = new QuestionResponse { Text = "x" } } } });
        Assert.Equal(HttpStatusCode.BadRequest, foreign);

        var saved = await site.WithDbAsync(db => db.Set<AttemptQuestion>().Where(q => q.Slot == single && db.Set<Attempt>().Any(a => a.PublicId == attempt && a.Id == q.AttemptId)).SingleAsync());
        Assert.Equal(1, saved.Sequence);
        Assert.Contains("\"a\"", saved.Response, StringComparison.Ordinal);

        var (nulls, _) = await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = single, seq = 3L, response = new { choices = (string[]?)null, matches = (object?)null } } } });
        Assert.Equal(HttpStatusCode.OK, nulls); // JSON nulls read as "nothing chosen", not a server error

        // Without the script: the page's buttons post the form; the shown page's answers are saved and the next page shown.
        var form = await cadre.GetAsync($"/Quizzes/Attempt/{attempt}");
        var pageOf = await site.WithDbAsync(db => db.Set<AttemptQuestion>().Where(q => q.Slot == single && db.Set<Attempt>().Any(a => a.PublicId == attempt && a.Id == q.AttemptId)).Select(q => q.Page).SingleAsync());
        using (var content = new FormUrlEncodedContent([new("__RequestVerificationToken", Field(form.Body, "__RequestVerificationToken")), new("page", $"{pageOf}"), new("go", "1"), new("shown", $"{single}"), new($"q{single}", shown.Key("b"))]))
        {
            using var posted = await cadre.Http.PostAsync($"/Quizzes/Attempt/{attempt}?handler=Save", content);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        Assert.Contains("\"b\"", await site.WithDbAsync(db => db.Set<AttemptQuestion>().Where(q => q.Slot == single && db.Set<Attempt>().Any(a => a.PublicId == attempt && a.Id == q.AttemptId)).Select(q => q.Response).SingleAsync()), StringComparison.Ordinal);

        using var other = await site.SignedInAsync(HacThanhCadre);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Quizzes/Attempt/{attempt}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Quizzes/Review/{attempt}")).Status);
        var token = Field((await other.GetAsync("/Account/Manage")).Body, "__RequestVerificationToken");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/quizzes/attempts/{attempt}/answers") { Content = System.Net.Http.Json.JsonContent.Create(new { answers = Array.Empty<object>() }) };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await other.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>
    /// Issue 11: the time limit is the server's. A save after the deadline is refused; the sweep job submits the attempt of a
    /// cadre who left, with what was saved, once, and the cadre's late submit lands on the same result.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task TimeLimit_SaveAfterDeadlineRefused_AndTheJobSubmitsWithWhatWasSaved(DatabaseProvider provider)
    {
        await using var timed = await TimedAttemptAsync(provider);
        var (site, clock, cadre, attempt, questions) = (timed.Site, timed.Clock, timed.Cadre, timed.Attempt, timed.Questions);
        var single = questions.First(q => q.Value.Type == QuestionType.SingleChoice);
        var page = await cadre.GetAsync($"/Quizzes/Attempt/{attempt}");
        Assert.Contains("id=\"timer\"", page.Body, StringComparison.Ordinal);
        var (status, _) = await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = single.Key, seq = 1L, response = RightAnswer(single.Value) } } });
        Assert.Equal(HttpStatusCode.OK, status);

        clock.Advance(TimeSpan.FromSeconds(600 + 31));
        var (late, body) = await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = single.Key, seq = 2L, response = new QuestionResponse { Choices = [single.Value.Key("b")] } } } });
        Assert.Equal(HttpStatusCode.Conflict, late);
        Assert.Equal("Attempt.TimeUp", body.GetProperty("code").GetString());

        // The cadre is gone: the recurring job submits.
        var submitted = await site.WithServiceAsync<AttemptService, int>(async attempts =>
        {
            var due = await attempts.OverdueAsync(100, default);
            var count = 0;
            foreach (var id in due)
            {
                count += await attempts.SubmitAsync(id, AttemptService.Timer, default) ? 1 : 0;
            }

            return count;
        });
        Assert.Equal(1, submitted);
        var graded = await site.WithDbAsync(db => db.Set<Attempt>().Include(a => a.Events).SingleAsync(a => a.PublicId == attempt));
        Assert.Equal(AttemptState.Finished, graded.State);
        Assert.Equal(AttemptService.Timer, graded.SubmittedBy);
        Assert.Equal(1, graded.Score);
        Assert.Single(graded.Events, e => e.Kind == AttemptEvents.TimedOut);

        // The cadre comes back and presses submit: the same result, no second grading.
        var token = Field(page.Body, "__RequestVerificationToken");
        Assert.Equal($"/Quizzes/Review/{attempt}", (await SubmitAsync(cadre, attempt, token)).Location);
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<AttemptEvent>().CountAsync(e => e.AttemptId == graded.Id && (e.Kind == AttemptEvents.Submitted || e.Kind == AttemptEvents.TimedOut))));
    }

    /// <summary>
    /// A save to an attempt changed since this node last saved it (another node's save of another page, an extension granted
    /// there, a submit by the timer there) reads it again rather than trust what it knew: the log has the real page, the reply
    /// the new deadline, and a save after the submit is refused and changes nothing. On PostgreSQL a node goes straight to the
    /// write for an attempt it saved before (<c>SavedLayout</c>); on SQLite every save reads first, and the outcome is the same.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Save_ToAnAttemptChangedElsewhere_ReadsItAgain_LogsTheRealPage_TellsTheNewDeadline_AndIsRefusedAfterASubmit(DatabaseProvider provider)
    {
        await using var timed = await TimedAttemptAsync(provider);
        var (site, cadre, attempt, questions) = (timed.Site, timed.Cadre, timed.Attempt, timed.Questions);
        var (first, second) = (questions.First(q => q.Value.Type == QuestionType.SingleChoice), questions.Last());
        Task<(HttpStatusCode Status, JsonElement Body)> SaveAsync(int page, long seq, KeyValuePair<int, Shown> question, QuestionResponse response) =>
            QuizFixtures.SaveAsync(cadre, attempt, new { page, answers = new[] { new { slot = question.Key, seq, response } } });

        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(0, 1, first, RightAnswer(first.Value))).Status);  // writes the draw out
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(1, 2, second, RightAnswer(second.Value))).Status); // page 1 → 2

        // Elsewhere: another node's save moved the cadre to page 4, and an extension there added ten minutes.
        var id = await site.WithDbAsync(db => db.Set<Attempt>().Where(a => a.PublicId == attempt).Select(a => a.Id).SingleAsync());
        var extended = await site.WithDbAsync(async db =>
        {
            var row = await db.Set<Attempt>().SingleAsync(a => a.Id == id);
            row.CurrentPage = 3;
            row.DeadlineUtc = row.DeadlineUtc!.Value.AddMinutes(10);
            await db.SaveChangesAsync();
            return row.DeadlineUtc.Value;
        });

        var (status, body) = await SaveAsync(2, 3, first, new QuestionResponse { Choices = [first.Value.Key("b")] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(extended, body.GetProperty("deadline").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        var log = await site.WithDbAsync(db => db.Set<AttemptEvent>().Where(e => e.AttemptId == id && e.Kind == AttemptEvents.PageChanged).OrderBy(e => e.Id).Select(e => e.Detail).ToListAsync());
        Assert.Equal(["1 → 2", "4 → 3"], log);
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<Attempt>().Where(a => a.Id == id).Select(a => a.CurrentPage).SingleAsync()));

        // Elsewhere again: the timer's job submits it. This node's next save is refused, and nothing it sent is stored.
        Assert.True(await site.WithServiceAsync<AttemptService, bool>(attempts => attempts.SubmitAsync(id, AttemptService.Timer, default)));
        var saves = await site.WithDbAsync(db => db.Set<AttemptEvent>().CountAsync(e => e.AttemptId == id && e.Kind == AttemptEvents.Saved));
        (status, body) = await SaveAsync(1, 4, first, RightAnswer(first.Value));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Attempt.AlreadySubmitted", body.GetProperty("code").GetString());
        Assert.Equal(saves, await site.WithDbAsync(db => db.Set<AttemptEvent>().CountAsync(e => e.AttemptId == id && e.Kind == AttemptEvents.Saved)));
        Assert.Equal(3, await site.WithDbAsync(db => db.Set<AttemptQuestion>().Where(q => q.AttemptId == id && q.Slot == first.Key).Select(q => q.Sequence).SingleAsync()));
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<Attempt>().Where(a => a.Id == id).Select(a => a.CurrentPage).SingleAsync()));
    }

    /// <summary>
    /// A save that holds the attempt's row when the submit comes (another tab's or node's, still writing) is graded with the
    /// attempt: the submit read the attempt before that save was stored, its claim waits for the row, and what it grades is
    /// read after the claim, in the same command (ADR-042), so it holds the answer that save stored and not the one first read.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Submit_WhileASaveHoldsTheAttempt_WaitsForIt_AndGradesTheAnswerItStored(DatabaseProvider provider)
    {
        await using var timed = await TimedAttemptAsync(provider);
        var (site, cadre, attempt, questions) = (timed.Site, timed.Cadre, timed.Attempt, timed.Questions);
        var first = questions.First(q => q.Value.Type == QuestionType.SingleChoice);
        var saved = await QuizFixtures.SaveAsync(cadre, attempt, new { page = 0, answers = new[] { new { slot = first.Key, seq = 1L, response = RightAnswer(first.Value) } } });
        Assert.Equal(HttpStatusCode.OK, saved.Status); // the draw is written out: the question is a row
        var id = await site.WithDbAsync(db => db.Set<Attempt>().Where(a => a.PublicId == attempt).Select(a => a.Id).SingleAsync());
        var right = await site.WithDbAsync(db => db.Set<AttemptQuestion>().Where(q => q.AttemptId == id && q.Slot == first.Key).Select(q => q.Response).SingleAsync());
        await site.WithDbAsync(db => db.Set<AttemptQuestion>().Where(q => q.AttemptId == id && q.Slot == first.Key)
            .ExecuteUpdateAsync(u => u.SetProperty(q => q.Response, (string?)null).SetProperty(q => q.Sequence, 0)));
        var token = Field((await cadre.GetAsync($"/Quizzes/Attempt/{attempt}")).Body, "__RequestVerificationToken");

        // The other save: its row locked and its answer written; committed once the submit has read the attempt and waited.
        var submit = await site.WithDbAsync(db => db.InTransactionAsync(async ct =>
        {
            await db.Set<Attempt>().Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.CurrentPage, a => a.CurrentPage), ct);
            await db.Set<AttemptQuestion>().Where(q => q.AttemptId == id && q.Slot == first.Key)
                .ExecuteUpdateAsync(u => u.SetProperty(q => q.Response, right).SetProperty(q => q.Sequence, 2), ct);
            var submit = QuizFixtures.SubmitAsync(cadre, attempt, token);
            await Task.WhenAny(submit, Task.Delay(TimeSpan.FromSeconds(1), ct));
            Assert.False(submit.IsCompleted); // its claim waits for the row
            return submit;
        }, default));
        var submitted = await submit;

        Assert.Equal($"/Quizzes/Review/{attempt}", submitted.Location);
        var graded = await site.WithDbAsync(db => db.Set<AttemptQuestion>().AsNoTracking().SingleAsync(q => q.AttemptId == id && q.Slot == first.Key));
        Assert.Equal((right, 2L, 1m), (graded.Response, graded.Sequence, graded.Fraction));
        var score = await site.WithDbAsync(db => db.Set<Attempt>().Where(a => a.Id == id).Select(a => new { a.State, a.Score }).SingleAsync());
        Assert.Equal(AttemptState.Finished, score.State);
        Assert.Equal(graded.Mark, score.Score); // the only answer in it
    }

    /// <summary>
    /// Issue 11: a quiz without a time limit still closes. An attempt left open is bound by the close date: a save after it is
    /// refused, and the recurring time-out job (run through the job queue, as the worker runs it) submits what was saved.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CloseDate_BindsAnAttemptWithoutATimeLimit_AndTheTimeoutJobSubmitsIt(DatabaseProvider provider)
    {
        var clock = new ManualClock();
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var quiz = await SeedAsync(site);
        var now = clock.GetUtcNow().UtcDateTime;
        var closes = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).AddHours(1); // whole seconds: PostgreSQL keeps microseconds
        await site.WithDbAsync(db => db.Set<Quiz>().Where(q => q.Id == quiz.Id).ExecuteUpdateAsync(s => s.SetProperty(q => q.ClosesUtc, closes)));
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var attempt = await StartFromLessonAsync(cadre);
        Assert.Equal(closes, await site.WithDbAsync(db => db.Set<Attempt>().Where(a => a.PublicId == attempt).Select(a => a.DeadlineUtc).SingleAsync()));
        var questions = await QuestionsAsync(site, attempt);
        var single = questions.First(q => q.Value.Type == QuestionType.SingleChoice);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = single.Key, seq = 1L, response = RightAnswer(single.Value) } } })).Status);

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(31));
        var (late, body) = await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = single.Key, seq = 2L, response = new QuestionResponse { Choices = [single.Value.Key("b")] } } } });
        Assert.Equal(HttpStatusCode.Conflict, late);
        Assert.Equal("Attempt.TimeUp", body.GetProperty("code").GetString());

        await site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync("quizzes.timeouts", new { }));
        await Learning.IntegrationTests.Certificates.ReadinessFixtures.RunJobsAsync(site);
        var graded = await site.WithDbAsync(db => db.Set<Attempt>().Include(a => a.Events).SingleAsync(a => a.PublicId == attempt));
        Assert.Equal((AttemptState.Finished, AttemptService.Timer, 1m), (graded.State, graded.SubmittedBy, graded.Score));
        Assert.Single(graded.Events, e => e.Kind == AttemptEvents.TimedOut);
    }

    /// <summary>Issue 11: attempts beyond the limit are refused in Vietnamese; a cadre's override grants one more and more time.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AttemptLimit_RefusesASecondAttempt_UntilAnOverrideGrantsOneWithMoreTime(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var quiz = await SeedAsync(site, timeLimitSeconds: 600, attempts: 1);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var first = await StartFromLessonAsync(cadre);
        var token = Field((await cadre.GetAsync($"/Quizzes/Attempt/{first}")).Body, "__RequestVerificationToken");
        await SubmitAsync(cadre, first, token);

        var lesson = await cadre.GetAsync(LessonUrl());
        Assert.Contains("id=\"quiz-cannot-start\"", lesson.Body, StringComparison.Ordinal);
        Assert.Contains("hết 1 lần làm bài", lesson.Body, StringComparison.Ordinal);

        var userId = await UserIdAsync(site, NhaTrangCadre);
        await site.WithDbAsync(db =>
        {
            db.Add(new QuizOverride { QuizId = quiz.Id, UserId = userId, ExtraAttempts = 1, TimeMultiplier = 1.5m, ExtraTimeSeconds = 60, CreatedUtc = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        await site.WithServiceAsync<QuizCatalog, bool>(catalog => { catalog.Forget(quiz.Id); return Task.FromResult(true); });
        var second = await StartFromLessonAsync(cadre);
        Assert.NotEqual(first, second);
        var started = await site.WithDbAsync(db => db.Set<Attempt>().SingleAsync(a => a.PublicId == second));
        Assert.Equal(2, started.Number);
        Assert.Equal(TimeSpan.FromSeconds(960), started.DeadlineUtc!.Value - started.StartedUtc);
    }

    /// <summary>Issue 11: many "start" requests of one cadre at once make one attempt (the synchronised start, per cadre).</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Start_ConcurrentRequestsOfOneCadre_MakeOneAttempt(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await SeedAsync(site);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var lesson = (await cadre.GetAsync(LessonUrl())).Body;
        var fields = new KeyValuePair<string, string>[] { new("__RequestVerificationToken", Field(lesson, "__RequestVerificationToken")), new("place", Field(lesson, "place")) };
        var starts = await StartTogetherAsync(cadre, fields, 6);
        Assert.Single(starts, s => s.StatusCode == HttpStatusCode.OK); // the one that started it answers with it; the others resume it
        Assert.Single(starts.Select(s => s.Attempt).Distinct());
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<Attempt>().CountAsync()));
    }

    /// <summary>
    /// Issue 11: starts of several cadres at once are stored together (<see cref="StartWriter"/>); a second start of the same
    /// cadre in the same group breaks the group's unique key, and the group is stored one by one: each cadre gets one attempt,
    /// with all its questions and one "attempted" statement, and every request of a cadre lands on that cadre's attempt.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Start_ManyCadresAtOnceWithDuplicates_StoresOneWholeAttemptEach(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await SeedAsync(site);
        using var first = await site.SignedInAsync(NhaTrangCadre);
        using var second = await site.SignedInAsync(HacThanhCadre);
        var requests = new List<Task<(string Who, Guid Attempt)>>();
        foreach (var (who, client) in new[] { (NhaTrangCadre, first), (HacThanhCadre, second) })
        {
            var page = (await client.GetAsync("/Quizzes/kt-ky-so")).Body;
            var fields = new KeyValuePair<string, string>[] { new("__RequestVerificationToken", Field(page, "__RequestVerificationToken")), new("place", "") };
            requests.AddRange(Enumerable.Range(0, 3).Select(async _ =>
            {
                using var content = new FormUrlEncodedContent(fields);
                using var response = await client.Http.PostAsync("/Quizzes/kt-ky-so", content);
                return (who, StartedAttempt(response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync()));
            }));
        }

        var starts = await Task.WhenAll(requests);
        var byCadre = starts.GroupBy(s => s.Who).ToDictionary(g => g.Key, g => g.Select(s => s.Attempt).Distinct().Single());
        Assert.NotEqual(byCadre[NhaTrangCadre], byCadre[HacThanhCadre]);
        var attempts = await site.WithDbAsync(db => db.Set<Attempt>().Select(a => new { a.Id, a.UserId, a.PublicId, a.Number }).ToListAsync());
        Assert.Equal(2, attempts.Count);
        foreach (var who in new[] { NhaTrangCadre, HacThanhCadre })
        {
            var userId = await UserIdAsync(site, who);
            var attempt = Assert.Single(attempts, a => a.UserId == userId);
            Assert.Equal(1, attempt.Number);
            Assert.Equal(attempt.PublicId, byCadre[who]);
            var slots = (await AttemptQuestionsAsync(site, attempt.PublicId)).Select(q => q.Slot).ToList();
            Assert.NotEmpty(slots);
            Assert.Equal(Enumerable.Range(1, slots.Count), slots);
            Assert.Equal(1, await site.WithDbAsync(db => db.Set<Learning.Reports.Data.XapiStatement>().CountAsync(x => x.UserId == userId && x.Verb == Learning.Modularity.LearningVerbs.Attempted)));
        }
    }

    /// <summary>
    /// Issue 11: the starts' reads go in groups (<see cref="StartReads"/>, ADR-043). Sixty reads at once, for two cadres at two
    /// quizzes and a cadre with nothing, taken by the reader in groups: each start gets its own cadre's attempts at its own
    /// quiz in number order, the one drawn ahead (not started) included, nothing of the other pairs read with it, and no
    /// attempt handed to two starts.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task StartReads_ManyAtOnceForTwoQuizzes_HandEachStartItsOwnCadresAttempts(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var (first, second) = (await SeedAsync(site), await SeedAsync(site, "kt-thanh-toan"));
        var (a, b) = (await UserIdAsync(site, NhaTrangCadre), await UserIdAsync(site, HacThanhCadre));
        var stored = new (int Quiz, string User, int Number, AttemptState State)[]
        {
            (first.Id, a, 1, AttemptState.Finished), (first.Id, a, 2, AttemptState.NotStarted), (first.Id, b, 1, AttemptState.InProgress),
            (second.Id, a, 1, AttemptState.Finished), (second.Id, a, 2, AttemptState.Finished),
        };
        await site.WithDbAsync(async db =>
        {
            db.AddRange(stored.Select(x => new Attempt
            {
                PublicId = Guid.NewGuid(), QuizId = x.Quiz, UserId = x.User, Number = x.Number, State = x.State, StartedUtc = DateTime.UtcNow, PageCount = 1, MaxScore = 1,
            }));
            return await db.SaveChangesAsync();
        });

        var asked = Enumerable.Range(0, 60).Select(i => (Quiz: i % 2 == 0 ? first.Id : second.Id, User: (i / 2 % 3) switch { 0 => a, 1 => b, _ => "không-có-ai" })).ToList();
        var read = await site.WithServiceAsync<StartReads, List<Attempt>[]>(reads => Task.WhenAll(asked.Select(x => reads.ReadAsync(x.Quiz, x.User, CancellationToken.None))));
        foreach (var (x, attempts) in asked.Zip(read))
        {
            var expected = stored.Where(s => s.Quiz == x.Quiz && s.User == x.User).Select(s => (s.Number, s.State)).ToList();
            Assert.Equal(expected, attempts.Select(t => (t.Number, t.State)).ToList());
            Assert.All(attempts, t => Assert.Equal((x.Quiz, x.User), (t.QuizId, t.UserId)));
        }

        // Each start owns what it is handed (it may make the attempt drawn ahead ready): the same cadre's ten reads of a quiz,
        // in one group, share no instance.
        Assert.Equal(read.Sum(r => r.Count), read.SelectMany(r => r).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    /// <summary>
    /// ADR-044: a start that the catalog's cache and the grouped reads can serve takes no context from the request pool (it would
    /// hold it while it waits at the gate; thousands of them empty the pool and each builds a context of its own). Counted on
    /// the pool itself, for the second cadre's start only (the first one fills the caches and starts the group loops).
    /// </summary>
    // EF1001: the pool's interface is EF Core's internal API; decorating it is the one way to count what the pool hands out.
#pragma warning disable EF1001
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Start_ServedFromTheCaches_RentsNoRequestContext(DatabaseProvider provider)
    {
        CountingPool? pool = null;
        await using var site = await TestSite.StartAsync(provider, services: CountingPool.InPlaceOfTheRequestPool(p => pool = p));
        var quiz = await SeedAsync(site);
        var (first, second) = (await UserIdAsync(site, NhaTrangCadre), await UserIdAsync(site, HacThanhCadre));
        Assert.NotNull((await site.WithServiceAsync<AttemptService, StartOutcome>(a => a.StartAsync(quiz.Key, first, null, null, CancellationToken.None))).Attempt);

        var outcome = await site.WithServiceAsync<AttemptService, StartOutcome>(async attempts =>
        {
            using var watch = pool!.Watch();
            return await attempts.StartAsync(quiz.Key, second, null, null, CancellationToken.None);
        });

        Assert.True(outcome is { Created: true, Attempt.Id: > 0 });
        Assert.Equal(0, pool!.Rented);
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<Attempt>().CountAsync(a => a.UserId == second && a.State == AttemptState.InProgress)));

        // The count can fail: a read through the request context, taken when first used, is seen.
        await site.WithServiceAsync<Lazy<LearningDbContext>, int>(async db =>
        {
            using var watch = pool.Watch();
            return await db.Value.Set<Quiz>().CountAsync();
        });
        Assert.Equal(1, pool.Rented);
    }

    /// <summary>
    /// The same through the page (ADR-044, ADR-045): the start's answer, the attempt page in the focused layout, takes no
    /// context either. The layout builds the site menu and the header's items (the bell reads the unread count) only where it
    /// shows them. The test server carries the test's async flow into the request, so the pool sees whose rent it is.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task StartPage_ServedFromTheCaches_RentsNoRequestContext(DatabaseProvider provider)
    {
        CountingPool? pool = null;
        await using var site = await TestSite.StartAsync(provider, services: CountingPool.InPlaceOfTheRequestPool(p => pool = p));
        site.Server.PreserveExecutionContext = true;
        var quiz = await SeedAsync(site);
        using var first = await site.SignedInAsync(NhaTrangCadre);
        using var second = await site.SignedInAsync(HacThanhCadre);
        async Task<HttpResponseMessage> StartAsync(SiteClient cadre, bool watched)
        {
            var token = Field((await cadre.GetAsync($"/Quizzes/{quiz.Key}")).Body, "__RequestVerificationToken");
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
            using var watch = watched ? pool!.Watch() : null;
            return await cadre.Http.PostAsync($"/Quizzes/{quiz.Key}", content);
        }

        using (var started = await StartAsync(first, watched: false))
        {
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        }

        using (var started = await StartAsync(second, watched: true))
        {
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
            Assert.Contains("id=\"attempt-form\"", await started.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // On SQLite the sign-in cookie's security stamp is read on each request (no change notifications to keep the node's
        // cache live: ADR-009); on PostgreSQL, as in production, the cache answers and nothing is rented.
        Assert.Equal(provider == DatabaseProvider.PostgreSql ? 0 : 1, pool!.Rented);
        var secondId = await UserIdAsync(site, HacThanhCadre);
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<Attempt>().CountAsync(a => a.UserId == secondId && a.State == AttemptState.InProgress)));

        // The count can fail: an ordinary page shows the bell, which reads the unread count on the request's context.
        using (pool.Watch())
        {
            Assert.Contains("data-notifications-count", (await second.GetAsync($"/Quizzes/{quiz.Key}")).Body, StringComparison.Ordinal);
        }

        Assert.True(pool.Rented > (provider == DatabaseProvider.PostgreSql ? 0 : 1));
    }

    /// <summary>Counts the request pool's rents made while a test watches (its own async flow only, not the group loops).</summary>
    private sealed class CountingPool(IDbContextPool<LearningDbContext> inner) : IDbContextPool<LearningDbContext>
    {
        private static readonly AsyncLocal<bool> Watching = new();
        private int rented;

        public int Rented => Volatile.Read(ref rented);

        /// <summary>The host's services with this in place of the request pool, handed to <paramref name="built"/> when the host builds it.</summary>
        public static Action<IServiceCollection> InPlaceOfTheRequestPool(Action<CountingPool> built) => services =>
        {
            services.Remove(services.Single(d => d.ServiceType == typeof(IDbContextPool<LearningDbContext>)));
            services.AddSingleton<IDbContextPool<LearningDbContext>>(sp =>
            {
                var pool = new CountingPool(new DbContextPool<LearningDbContext>(sp.GetRequiredService<DbContextOptions<LearningDbContext>>(), sp));
                built(pool);
                return pool;
            });
        };

        public IDisposable Watch()
        {
            Watching.Value = true;
            return new Unwatch();
        }

        public IDbContextPoolable Rent()
        {
            if (Watching.Value)
            {
                Interlocked.Increment(ref rented);
            }

            return inner.Rent();
        }

        public void Return(IDbContextPoolable context) => inner.Return(context);

        public ValueTask ReturnAsync(IDbContextPoolable context, CancellationToken cancellationToken = default) => inner.ReturnAsync(context, cancellationToken);

        private sealed class Unwatch : IDisposable
        {
            public void Dispose() => Watching.Value = false;
        }
    }
#pragma warning restore EF1001

    /// <summary>
    /// Issue 11, the synchronised start (Moodle 5's pre-created attempts): a cadre who opens the lesson before the quiz opens
    /// gets an attempt drawn and stored, not started and seen nowhere; at the opening, "start" (pressed four times at once)
    /// starts that same attempt once, its clock from then, with one Started event and one statement. An attempt drawn ahead
    /// that no longer fits (a question corrected since) is deleted, questions and all, and the start draws afresh.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Start_AtTheOpening_StartsTheAttemptDrawnWhileTheCadreWaited(DatabaseProvider provider)
    {
        var clock = new ManualClock();
        await using var site = await TestSite.StartAsync(provider, services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.Configure<Learning.Quizzes.QuizzesOptions>(o => o.PrecreateMinutes = 60);
        });
        var quiz = await SeedAsync(site, timeLimitSeconds: 600);
        var opens = clock.GetUtcNow().UtcDateTime.AddMinutes(10);
        await OpenAtAsync(site, quiz, opens);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var userId = await UserIdAsync(site, NhaTrangCadre);

        var waiting = await cadre.GetAsync(LessonUrl());
        Assert.Contains("id=\"quiz-cannot-start\"", waiting.Body, StringComparison.Ordinal);
        await cadre.GetAsync(LessonUrl()); // a reload draws nothing more
        var drawn = await site.WithDbAsync(db => db.Set<Attempt>().IgnoreQueryFilters().Include(a => a.Questions).Where(a => a.UserId == userId).ToListAsync());
        var ready = AttemptDraw.Expand(Assert.Single(drawn));
        Assert.Equal(AttemptState.NotStarted, ready.State);
        Assert.Equal(Bank.Length, ready.Questions.Count);
        Assert.Null(ready.DeadlineUtc);
        // Nobody's attempt yet: not counted, not listed, no statement, not on the card.
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Attempt>().CountAsync()));
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Learning.Reports.Data.XapiStatement>().CountAsync(x => x.UserId == userId && x.Verb == Learning.Modularity.LearningVerbs.Attempted)));
        Assert.DoesNotContain("id=\"quiz-attempts\"", waiting.Body, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var lesson = (await cadre.GetAsync(LessonUrl())).Body;
        var fields = new KeyValuePair<string, string>[] { new("__RequestVerificationToken", Field(lesson, "__RequestVerificationToken")), new("place", Field(lesson, "place")) };
        var starts = await StartTogetherAsync(cadre, fields, 4);
        Assert.Single(starts, s => s.StatusCode == HttpStatusCode.OK);
        Assert.Equal(ready.PublicId, Assert.Single(starts.Select(s => s.Attempt).Distinct()));
        var started = AttemptDraw.Expand(await site.WithDbAsync(db => db.Set<Attempt>().Include(a => a.Questions).Include(a => a.Events).SingleAsync()));
        Assert.Equal(ready.Id, started.Id);
        Assert.Equal(AttemptState.InProgress, started.State);
        Assert.True((clock.GetUtcNow().UtcDateTime - started.StartedUtc).Duration() < TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
        Assert.Equal(TimeSpan.FromSeconds(600), started.DeadlineUtc!.Value - started.StartedUtc);
        Assert.NotNull(started.CourseId); // started from the lesson: passing completes it
        Assert.Equal(ready.Questions.OrderBy(q => q.Slot).Select(q => (q.QuestionVersionId, q.OptionOrder)), started.Questions.OrderBy(q => q.Slot).Select(q => (q.QuestionVersionId, q.OptionOrder)));
        Assert.Single(started.Events, e => e.Kind == AttemptEvents.Started);
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<Learning.Reports.Data.XapiStatement>().CountAsync(x => x.UserId == userId && x.Verb == Learning.Modularity.LearningVerbs.Attempted)));
        var token = Field((await cadre.GetAsync($"/Quizzes/Attempt/{started.PublicId}")).Body, "__RequestVerificationToken");
        await SubmitAsync(cadre, started.PublicId, token);

        // The next opening: drawn ahead again, then a question is corrected before the start.
        await OpenAtAsync(site, quiz, clock.GetUtcNow().UtcDateTime.AddMinutes(5));
        await cadre.GetAsync(LessonUrl());
        var second = AttemptDraw.Expand(await site.WithDbAsync(db => db.Set<Attempt>().IgnoreQueryFilters().Include(a => a.Questions).SingleAsync(a => a.State == AttemptState.NotStarted)));
        Assert.Equal(2, second.Number);
        var corrected = second.Questions[0];
        var newVersion = await site.WithDbAsync(async db =>
        {
            var old = await db.Set<QuestionVersion>().SingleAsync(v => v.Id == corrected.QuestionVersionId);
            var version = new QuestionVersion { QuestionId = corrected.QuestionId, Number = old.Number + 1, Definition = old.Definition, CreatedUtc = DateTime.UtcNow };
            db.Add(version);
            await db.SaveChangesAsync();
            await db.Set<Question>().Where(q => q.Id == corrected.QuestionId).ExecuteUpdateAsync(u => u.SetProperty(q => q.CurrentVersionId, version.Id));
            return version.Id;
        });
        // The bank's caches hold a question's current version for 30 s; here the correction is seen at once.
        await site.WithServiceAsync<Microsoft.Extensions.Caching.Memory.IMemoryCache, bool>(cache => { ((Microsoft.Extensions.Caching.Memory.MemoryCache)cache).Clear(); return Task.FromResult(true); });
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var redrawn = await StartFromLessonAsync(cadre);
        Assert.NotEqual(second.PublicId, redrawn);
        var rows = await site.WithDbAsync(db => db.Set<Attempt>().IgnoreQueryFilters().Where(a => a.UserId == userId).Select(a => new { a.Number, a.State, a.PublicId }).ToListAsync());
        Assert.Equal([(1, AttemptState.Finished), (2, AttemptState.InProgress)], rows.OrderBy(r => r.Number).Select(r => (r.Number, r.State)));
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<AttemptQuestion>().CountAsync(q => q.AttemptId == second.Id)));
        Assert.Single(await AttemptQuestionsAsync(site, redrawn), q => q.QuestionVersionId == newVersion);
    }

    /// <summary>The same start form posted <paramref name="count"/> times at once by one cadre: each answer's status and attempt.</summary>
    private static Task<(HttpStatusCode StatusCode, Guid Attempt)[]> StartTogetherAsync(SiteClient cadre, KeyValuePair<string, string>[] fields, int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            using var content = new FormUrlEncodedContent(fields);
            using var response = await cadre.Http.PostAsync("/Quizzes/kt-ky-so", content);
            return (response.StatusCode, StartedAttempt(response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync()));
        }));

    private static async Task OpenAtAsync(TestSite site, Quiz quiz, DateTime opensUtc)
    {
        await site.WithDbAsync(db => db.Set<Quiz>().Where(q => q.Id == quiz.Id).ExecuteUpdateAsync(u => u.SetProperty(q => q.OpensUtc, opensUtc)));
        await site.WithServiceAsync<QuizCatalog, bool>(catalog => { catalog.Forget(quiz.Id, quiz.Key); return Task.FromResult(true); });
    }

    /// <summary>A site whose clock the test moves, its quiz with a 10-minute limit, and a cadre's attempt started from the lesson.</summary>
    private static async Task<TimedAttempt> TimedAttemptAsync(DatabaseProvider provider)
    {
        var clock = new ManualClock();
        var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        await SeedAsync(site, timeLimitSeconds: 600);
        var cadre = await site.SignedInAsync(NhaTrangCadre);
        var attempt = await StartFromLessonAsync(cadre);
        return new(site, clock, cadre, attempt, await QuestionsAsync(site, attempt));
    }

    /// <summary><see cref="TimedAttemptAsync"/>'s site and signed-in cadre, disposed together (the cadre first).</summary>
    private sealed record TimedAttempt(TestSite Site, ManualClock Clock, SiteClient Cadre, Guid Attempt, Dictionary<int, Shown> Questions) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Cadre.Dispose();
            await Site.DisposeAsync();
        }
    }
}
