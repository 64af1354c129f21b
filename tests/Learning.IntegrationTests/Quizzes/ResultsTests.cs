using System.Net;
using System.Text;
using System.Text.Json;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Security;
using Learning.Organization.Data;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.EntityFrameworkCore;
using static Learning.IntegrationTests.Quizzes.QuizFixtures;

namespace Learning.IntegrationTests.Quizzes;

public sealed class ResultsTests
{
    private const string Essay = "Nêu các bước ký số một văn bản.";

    /// <summary>
    /// A trainer of Nha Trang reads the quiz list, the attempts of their cadres, the CSV (with a formula in a cadre's name
    /// neutralised) and, with two finished attempts, the item analysis.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Results_FinishedAttempts_ShowInListCsvAndItemAnalysis(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        var quiz = await SeedAsync(site);
        // Graded by the average of the attempts: the item analysis then takes both (by the highest it would take one per cadre).
        await site.WithDbAsync(db => db.Set<Quiz>().Where(q => q.Id == quiz.Id).ExecuteUpdateAsync(s => s.SetProperty(q => q.GradingMethod, GradingMethod.Average)));
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        await FinishAsync(site, cadre, right: true);
        await FinishAsync(site, cadre, right: false);

        // The list of quizzes counts in the database; its figures are those of the attempts themselves.
        var row = Assert.Single(await site.WithServiceAsync<QuizResults, IReadOnlyList<QuizResults.QuizRow>>(r => r.QuizzesAsync(Learning.Organization.OrgScope.Everything, CancellationToken.None)),
            q => q.Key == "kt-ky-so");
        var attempts = await site.WithDbAsync(db => db.Set<Attempt>().AsNoTracking().Where(a => a.QuizId == row.Id).ToListAsync());
        var finished = attempts.Where(a => a.State == AttemptState.Finished).ToList();
        Assert.Equal((2, 2), (row.Attempts, row.Finished));
        Assert.Equal(Math.Round(finished.Average(a => a.MaxScore <= 0 ? 0 : (a.Score ?? 0) * 100 / a.MaxScore), 1), row.AveragePercent);
        Assert.Equal(50m, row.PassRate);

        await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.Email == NhaTrangCadre).ExecuteUpdateAsync(s => s.SetProperty(c => c.FullName, "=HYPERLINK(\"x\")")));

        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);
        var index = await trainer.GetAsync("/Admin/Quizzes");
        Assert.Equal(HttpStatusCode.OK, index.Status);
        Assert.Contains("/Admin/Quizzes/Results?key=kt-ky-so", index.Body, StringComparison.Ordinal);

        var results = await trainer.GetAsync("/Admin/Quizzes/Results?key=kt-ky-so");
        Assert.Equal(HttpStatusCode.OK, results.Status);
        Assert.Equal(2, results.Body.Split("href=\"/Admin/Quizzes/Attempt/").Length - 1);
        Assert.Contains("id=\"item-analysis\"", results.Body, StringComparison.Ordinal);
        Assert.Contains("được tính điểm (Trung bình các lần:", results.Body, StringComparison.Ordinal);
        Assert.Contains("Cơ quan cấp chứng thư số", results.Body, StringComparison.Ordinal); // a question's name
        Assert.Contains("Ban Cơ yếu Chính phủ: 50 %", results.Body, StringComparison.Ordinal); // one of the two chose it

        using var response = await trainer.Http.GetAsync("/Admin/Quizzes/Results?handler=Csv&key=kt-ky-so");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains("100", csv, StringComparison.Ordinal);

        // The files carry the marks as well as the percent, and the marks of every question (a spreadsheet's columns "Câu 1" …).
        var slots = await site.WithDbAsync(db => db.Set<AttemptQuestion>().Where(q => q.AttemptId == finished[0].Id).CountAsync());
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",Điểm,Điểm tối đa,Điểm (%),Đạt," + string.Join(',', Enumerable.Range(1, slots).Select(n => $"Câu {n}")), lines[0], StringComparison.Ordinal);
        var best = finished.OrderByDescending(a => a.Score).First();
        var bestLine = lines.Single(l => l.Contains($",{best.Number},", StringComparison.Ordinal));
        var bestMarks = await site.WithDbAsync(db => db.Set<AttemptQuestion>().Where(q => q.AttemptId == best.Id).OrderBy(q => q.Slot).Select(q => new { q.Fraction, q.Mark }).ToListAsync());
        Assert.EndsWith("," + string.Join(',', bestMarks.Select(m => (m.Fraction!.Value * m.Mark).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture))), bestLine, StringComparison.Ordinal);
        using (var xlsx = await trainer.Http.GetAsync("/Admin/Quizzes/Results?handler=Xlsx&key=kt-ky-so"))
        {
            Assert.Equal("ket-qua-kt-ky-so.xlsx", xlsx.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            using var book = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(await xlsx.Content.ReadAsStreamAsync(), false);
            var cells = book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
            Assert.Contains(cells, c => c.InnerText == "'=HYPERLINK(\"x\")"); // text, never a formula
            Assert.DoesNotContain(cells, c => c.CellFormula is not null);
            var maxScore = cells.Single(c => c.CellReference == "I2"); // "Điểm tối đa" of the first attempt: a number a spreadsheet can sum
            Assert.Null(maxScore.DataType);
            Assert.Equal(best.MaxScore, decimal.Parse(maxScore.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        }

        // Both files are in the audit trail: the quiz, the format and filter, how many rows (the cadres' names and scores left).
        var exports = await site.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "quizzes.results.exported").OrderBy(e => e.Id).Select(e => new { e.Subject, e.Details, e.UserName }).ToListAsync());
        Assert.Equal(2, exports.Count);
        Assert.StartsWith("format=csv&key=kt-ky-so", exports[0].Details, StringComparison.Ordinal);
        Assert.EndsWith(" · 2", exports[0].Details, StringComparison.Ordinal);
        Assert.StartsWith("format=xlsx&key=kt-ky-so", exports[1].Details, StringComparison.Ordinal);
        Assert.All(exports, e => Assert.False(string.IsNullOrEmpty(e.Subject)));

        // Who is to take it and has not: the Nha Trang cadres enrolled by the course's assignment, less the one who took it twice.
        var taker = await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.Email == NhaTrangCadre).Select(c => c.Id).SingleAsync());
        var other = await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.Email == MatrixSite.CadreInEmail).Select(c => c.Id).SingleAsync());
        var outside = await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.Email == MatrixSite.CadreOutEmail).Select(c => c.Id).SingleAsync());
        var notAttempted = results.Body[results.Body.IndexOf("id=\"not-attempted\"", StringComparison.Ordinal)..];
        Assert.Contains($"data-cadre=\"{other}\"", notAttempted, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-cadre=\"{taker}\"", notAttempted, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-cadre=\"{outside}\"", notAttempted, StringComparison.Ordinal); // another province: outside the trainer's scope

        // Found by a part of the name, with or without marks; a page of its own count.
        Assert.Contains("2 lượt làm bài", (await trainer.GetAsync("/Admin/Quizzes/Results?key=kt-ky-so&q=hyperlink")).Body, StringComparison.Ordinal);
        var none = await trainer.GetAsync("/Admin/Quizzes/Results?key=kt-ky-so&q=Nguy%E1%BB%85n");
        Assert.Contains("0 lượt làm bài", none.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"item-analysis\"", none.Body, StringComparison.Ordinal); // the analysis still counts every attempt

        // A cadre cannot read the results.
        await cadre.AssertForbiddenAsync("/Admin/Quizzes/Results?key=kt-ky-so");
    }

    /// <summary>An essay waits for the trainer; once graded the attempt is finished and passed. Reopening lets the cadre save again.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Essay_WaitsForGrading_IsFinishedOnceGraded_AndReopenLetsTheCadreSave(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        var quiz = await SeedAsync(site, timeLimitSeconds: 600);
        await AddEssayAsync(site, quiz);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var attempt = await FinishAsync(site, cadre, right: true);
        var stored = await site.WithDbAsync(db => db.Set<Attempt>().Include(a => a.Questions).SingleAsync(a => a.PublicId == attempt));
        Assert.Equal(AttemptState.NeedsGrading, stored.State);
        var essaySlot = (await QuestionsAsync(site, attempt)).Single(q => q.Value.Type == QuestionType.Essay).Key;

        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);
        // The grading queue lists it (one question to grade), and the quizzes list counts it; both lead to the attempt.
        var queue = await trainer.GetAsync("/Admin/Quizzes/Grading");
        Assert.Matches($"(?s)<tr data-attempt=\"{attempt}\">.*?href=\"/Admin/Quizzes/Attempt/{attempt}\".*?Kiểm tra chữ ký số.*?>1</td>", queue.Body);
        Assert.Contains("data-waiting=\"1\"", (await trainer.GetAsync("/Admin/Quizzes")).Body, StringComparison.Ordinal);
        using (var other = await site.SignedInAsync(TestSite.AdminEmail))
        {
            Assert.Contains($"data-attempt=\"{attempt}\"", (await other.GetAsync("/Admin/Quizzes/Grading")).Body, StringComparison.Ordinal);
        }

        var page = await trainer.GetAsync($"/Admin/Quizzes/Attempt/{attempt}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Các bước: cắm USB token", page.Body, StringComparison.Ordinal); // the cadre's essay
        Assert.Contains("data-kind=\"Submitted\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("Ban Cơ yếu Chính phủ", page.Body, StringComparison.Ordinal);

        var (status, _, _) = await trainer.PostFormAsync($"/Admin/Quizzes/Attempt/{attempt}",
            [new("slot", essaySlot.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("marks", "0,75"), new("comment", "Khá đầy đủ")],
            $"/Admin/Quizzes/Attempt/{attempt}?handler=Grade");
        Assert.Equal(HttpStatusCode.Redirect, status);
        var graded = await site.WithDbAsync(db => db.Set<Attempt>().Include(a => a.Questions).Include(a => a.Events).SingleAsync(a => a.PublicId == attempt));
        Assert.Equal(AttemptState.Finished, graded.State);
        Assert.Contains("id=\"grading-empty\"", (await trainer.GetAsync("/Admin/Quizzes/Grading")).Body, StringComparison.Ordinal);
        Assert.Equal(Bank.Length + 0.75m, graded.Score);
        Assert.True(graded.Passed);
        var essay = graded.Questions.Single(q => q.Slot == essaySlot);
        Assert.Equal(0.75m, essay.Fraction);
        Assert.Equal("Khá đầy đủ", essay.GraderComment);
        Assert.Contains(graded.Events, e => e.Kind == AttemptEvents.Graded);
        Assert.True(await site.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "quizzes.graded")));

        // Re-grading keeps the trainer's mark.
        (status, _, _) = await trainer.PostFormAsync("/Admin/Quizzes/Results?key=kt-ky-so", [], "/Admin/Quizzes/Results?handler=Regrade&key=kt-ky-so");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(0.75m, await site.WithDbAsync(db => db.Set<AttemptQuestion>().Where(q => q.AttemptId == graded.Id && q.Slot == essaySlot).Select(q => q.Fraction).SingleAsync()));

        (status, _, _) = await trainer.PostFormAsync($"/Admin/Quizzes/Attempt/{attempt}", [], $"/Admin/Quizzes/Attempt/{attempt}?handler=Reopen");
        Assert.Equal(HttpStatusCode.Redirect, status);
        var reopened = await site.WithDbAsync(db => db.Set<Attempt>().Include(a => a.Events).SingleAsync(a => a.PublicId == attempt));
        Assert.Equal(AttemptState.InProgress, reopened.State);
        Assert.Null(reopened.SubmittedUtc);
        Assert.True(reopened.DeadlineUtc > DateTime.UtcNow.AddMinutes(9));
        Assert.Contains(reopened.Events, e => e.Kind == AttemptEvents.Reopened);

        var (saveStatus, _) = await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = essaySlot, seq = 1_000_000L, response = new QuestionResponse { Text = "Bản sửa" } } } });
        Assert.Equal(HttpStatusCode.OK, saveStatus);
    }

    /// <summary>Grading goes on from one waiting attempt to the next (the longest waiting first), and stops offering it once none waits.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Grading_LeadsFromOneWaitingAttemptToTheNext(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        var quiz = await SeedAsync(site, timeLimitSeconds: 600);
        await AddEssayAsync(site, quiz);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var first = await FinishAsync(site, cadre, right: true);
        var second = await FinishAsync(site, cadre, right: false);
        var essaySlot = (await QuestionsAsync(site, first)).Single(q => q.Value.Type == QuestionType.Essay).Key;

        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);
        Assert.Contains($"href=\"/Admin/Quizzes/Attempt/{second}\" id=\"next-to-grade\"", (await trainer.GetAsync($"/Admin/Quizzes/Attempt/{first}")).Body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Admin/Quizzes/Attempt/{first}\" id=\"next-to-grade\"", (await trainer.GetAsync($"/Admin/Quizzes/Attempt/{second}")).Body, StringComparison.Ordinal);
        var (status, _, _) = await trainer.PostFormAsync($"/Admin/Quizzes/Attempt/{first}",
            [new("slot", essaySlot.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("marks", "1")], $"/Admin/Quizzes/Attempt/{first}?handler=Grade");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains($"href=\"/Admin/Quizzes/Attempt/{second}\" id=\"next-to-grade\"", (await trainer.GetAsync($"/Admin/Quizzes/Attempt/{first}")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"next-to-grade\"", (await trainer.GetAsync($"/Admin/Quizzes/Attempt/{second}")).Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// A question corrected after the exam (its key was wrong): the re-grade moves the submitted attempts to the corrected
    /// version, their scores change, and the attempt's log keeps which version the cadre answered; that version stays in the bank.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Regrade_AfterAKeyIsCorrected_ChangesTheScore_AndLogsTheVersions(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        await SeedAsync(site);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var attempt = await StartFromLessonAsync(cadre);
        var questions = await QuestionsAsync(site, attempt);
        var single = questions.First(q => q.Value.Type == QuestionType.SingleChoice);
        var pending = JsonSerializer.Serialize(questions.Select(q => new { slot = q.Key, seq = 1L, response = q.Key == single.Key ? new QuestionResponse { Choices = [single.Value.Key("b")] } : RightAnswer(q.Value) }), JsonSerializerOptions.Web);
        var token = Field((await cadre.GetAsync($"/Quizzes/Attempt/{attempt}")).Body, "__RequestVerificationToken");
        Assert.Equal($"/Quizzes/Review/{attempt}", (await SubmitAsync(cadre, attempt, token, pending)).Location);
        Assert.Equal(Bank.Length - 1, await site.WithDbAsync(db => db.Set<Attempt>().Where(a => a.PublicId == attempt).Select(a => a.Score).SingleAsync()));

        // The trainer corrects the key: a second version in which "b" is the right option.
        var used = await site.WithDbAsync(db => db.Set<AttemptQuestion>().Where(q => q.Slot == single.Key && db.Set<Attempt>().Any(a => a.PublicId == attempt && a.Id == q.AttemptId)).Select(q => q.QuestionVersionId).SingleAsync());
        await site.WithDbAsync(async db =>
        {
            var first = await db.Set<QuestionVersion>().SingleAsync(v => v.Id == used);
            var corrected = single.Value.Question with { Options = [.. single.Value.Question.Options.Select(o => o with { Fraction = o.Id == "b" ? 1 : 0 })] };
            var version = new QuestionVersion { QuestionId = first.QuestionId, Number = 2, Definition = QuestionJson.Serialize(corrected), CreatedUtc = DateTime.UtcNow };
            db.Add(version);
            await db.SaveChangesAsync();
            var question = await db.Set<Question>().SingleAsync(q => q.Id == first.QuestionId);
            question.CurrentVersionId = version.Id;
            return await db.SaveChangesAsync();
        });

        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);
        var (status, _, _) = await trainer.PostFormAsync("/Admin/Quizzes/Results?key=kt-ky-so", [], "/Admin/Quizzes/Results?handler=Regrade&key=kt-ky-so");
        Assert.Equal(HttpStatusCode.Redirect, status);
        var regraded = await site.WithDbAsync(db => db.Set<Attempt>().Include(a => a.Events).Include(a => a.Questions).SingleAsync(a => a.PublicId == attempt));
        Assert.Equal(Bank.Length, regraded.Score);
        Assert.NotEqual(used, regraded.Questions.Single(q => q.Slot == single.Key).QuestionVersionId);
        var logged = Assert.Single(regraded.Events, e => e.Kind == AttemptEvents.Regraded);
        Assert.Contains($"{Bank.Length - 1} → {Bank.Length}/{Bank.Length}", logged.Detail, StringComparison.Ordinal);
        Assert.Contains($"#{single.Key} v1→v2", logged.Detail, StringComparison.Ordinal);
        Assert.True(await site.WithDbAsync(db => db.Set<QuestionVersion>().AnyAsync(v => v.Id == used))); // what the cadre saw is kept
    }

    /// <summary>An accommodation added on the page gives the cadre's next attempt more time; a cadre outside the scope is refused.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Override_AddedOnThePage_ExtendsTheNextAttemptsDeadline(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        await SeedAsync(site, timeLimitSeconds: 600);
        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);

        var (status, body, _) = await trainer.PostFormAsync("/Admin/Quizzes/Overrides?key=kt-ky-so",
            [new("target", "cadre"), new("email", HacThanhCadre), new("extraMinutes", "30"), new("multiplier", "1"), new("extraAttempts", "0")],
            "/Admin/Quizzes/Overrides?handler=Add&key=kt-ky-so");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("alert-error", body, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<QuizOverride>().CountAsync()));

        (status, body, _) = await trainer.PostFormAsync("/Admin/Quizzes/Overrides?key=kt-ky-so",
            [new("target", "cadre"), new("email", NhaTrangCadre), new("extraMinutes", "30"), new("multiplier", "1,5"), new("extraAttempts", "1")],
            "/Admin/Quizzes/Overrides?handler=Add&key=kt-ky-so");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("alert-success", body, StringComparison.Ordinal);

        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var attempt = await StartFromLessonAsync(cadre);
        var started = await site.WithDbAsync(db => db.Set<Attempt>().SingleAsync(a => a.PublicId == attempt));
        Assert.Equal(TimeSpan.FromMinutes(15 + 30), started.DeadlineUtc - started.StartedUtc);
    }

    /// <summary>
    /// Extra time granted while the cadre is answering reaches the attempt in progress: its deadline moves at once, the
    /// attempt's log says so, and the page's next save brings the new deadline to its countdown.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Override_GrantedDuringAnAttempt_MovesItsDeadline(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        await SeedAsync(site, timeLimitSeconds: 600);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var attempt = await StartFromLessonAsync(cadre);
        var started = await site.WithDbAsync(db => db.Set<Attempt>().SingleAsync(a => a.PublicId == attempt));
        Assert.Equal(TimeSpan.FromMinutes(10), started.DeadlineUtc - started.StartedUtc);

        using var trainer = await site.SignedInAsync(MatrixSite.TrainerEmail);
        var (status, body, _) = await trainer.PostFormAsync("/Admin/Quizzes/Overrides?key=kt-ky-so",
            [new("target", "cadre"), new("email", NhaTrangCadre), new("extraMinutes", "30"), new("multiplier", "1"), new("extraAttempts", "0")],
            "/Admin/Quizzes/Overrides?handler=Add&key=kt-ky-so");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("alert-success", body, StringComparison.Ordinal);

        var moved = await site.WithDbAsync(db => db.Set<Attempt>().Include(a => a.Events).SingleAsync(a => a.PublicId == attempt));
        Assert.Equal(started.StartedUtc + TimeSpan.FromMinutes(40), moved.DeadlineUtc);
        Assert.Single(moved.Events, e => e.Kind == AttemptEvents.Retimed);
        var questions = await QuestionsAsync(site, attempt);
        var (saved, reply) = await SaveAsync(cadre, attempt, new { answers = new[] { new { slot = questions.Keys.First(), seq = 1L, response = RightAnswer(questions.Values.First()) } } });
        Assert.Equal(HttpStatusCode.OK, saved);
        Assert.Equal(moved.DeadlineUtc, reply.GetProperty("deadline").GetDateTime());
    }

    /// <summary>
    /// A country's units (here 3 provinces of 200 communes: more than one list should carry) are opened a province at a time
    /// (ADR-032): in the results filter, the accommodations form (where a commune found after opening its province gets its
    /// override), the course assignment form and the completion report; a province's own 201 units are still one list.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ACountrysUnits_AreOpenedAProvinceAtATime_InFiltersAndForms(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await SeedAsync(site, timeLimitSeconds: 600);
        var courseId = await site.WithDbAsync(async db =>
        {
            for (var p = 0; p < 3; p++)
            {
                var province = new OrgUnit { Code = $"LN-P{p}", Name = $"Tỉnh Lớn {p}", Kind = OrgUnitKind.Province };
                db.Add(province);
                await db.SaveChangesAsync();
                province.Path = $"/{province.Id}/";
                var communes = Enumerable.Range(0, 200).Select(c => new OrgUnit { Code = $"LN-P{p}-C{c}", Name = $"Xã Lớn {p}-{c}", Kind = OrgUnitKind.Commune, ParentId = province.Id }).ToList();
                db.AddRange(communes);
                await db.SaveChangesAsync();
                communes.ForEach(c => c.Path = $"{province.Path}{c.Id}/");
                await db.SaveChangesAsync();
            }

            return await db.Set<Learning.Courses.Data.Course>().Select(c => c.Id).MinAsync();
        });
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        static int Options(string body) => body.Split("<option").Length - 1;

        var top = await admin.GetAsync("/Admin/Quizzes/Overrides?key=kt-ky-so");
        Assert.Equal(HttpStatusCode.OK, top.Status);
        Assert.Contains("id=\"unit-nav\"", top.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Xã Lớn 0-7<", top.Body, StringComparison.Ordinal);
        Assert.True(Options(top.Body) < 60, $"{Options(top.Body)} options at the top");
        var opened = await admin.GetAsync("/Admin/Quizzes/Overrides?key=kt-ky-so&near=LN-P0");
        Assert.Contains("Xã Lớn 0-7<", opened.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Xã Lớn 1-7<", opened.Body, StringComparison.Ordinal);
        var (status, body, _) = await admin.PostFormAsync("/Admin/Quizzes/Overrides?key=kt-ky-so&near=LN-P0",
            [new("target", "unit"), new("unit", "LN-P0-C7"), new("extraMinutes", "10"), new("multiplier", "1"), new("extraAttempts", "0")],
            "/Admin/Quizzes/Overrides?handler=Add&key=kt-ky-so");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("alert-success", body, StringComparison.Ordinal);
        var unitPath = await site.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == "LN-P0-C7").Select(u => u.Path).SingleAsync());
        Assert.Equal(unitPath, (await site.WithDbAsync(db => db.Set<QuizOverride>().SingleAsync())).UnitPath);

        var results = await admin.GetAsync("/Admin/Quizzes/Results?key=kt-ky-so");
        Assert.Contains("id=\"units-narrowed\"", results.Body, StringComparison.Ordinal);
        Assert.Contains("Xã Lớn 2-199<", (await admin.GetAsync("/Admin/Quizzes/Results?key=kt-ky-so&unit=LN-P2")).Body, StringComparison.Ordinal);

        var assign = await admin.GetAsync($"/Admin/Courses/Assign/{courseId}");
        Assert.Contains("id=\"unit-nav\"", assign.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Xã Lớn 1-3 (LN-P1-C3)", assign.Body, StringComparison.Ordinal);
        Assert.Contains("Xã Lớn 1-3 (LN-P1-C3)", (await admin.GetAsync($"/Admin/Courses/Assign/{courseId}?near=LN-P1")).Body, StringComparison.Ordinal);

        var report = await admin.GetAsync("/Admin/Reports?course=" + courseId);
        Assert.Contains("id=\"units-narrowed\"", report.Body, StringComparison.Ordinal);
        var p1 = await site.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == "LN-P1").Select(u => u.Path).SingleAsync());
        var provinceReport = await admin.GetAsync($"/Admin/Reports?course={courseId}&under={Uri.EscapeDataString(p1)}");
        Assert.Contains("Xã Lớn 1-3<", provinceReport.Body, StringComparison.Ordinal);

        // A province manager's 201 units: one list, as before.
        var staff = await site.RunRecipeAsync("""
            { "name": "big-province-manager", "steps": [
              { "name": "users", "users": [ { "email": "ql.tinhlon@example.vn", "displayName": "Quản lý Tỉnh Lớn", "roles": ["Manager"] } ] },
              { "name": "scopes", "scopes": [ { "user": "ql.tinhlon@example.vn", "unit": "LN-P1" } ] } ] }
            """);
        Assert.True(staff.Succeeded, staff.Error);
        using var manager = await site.SignedInAsync("ql.tinhlon@example.vn");
        var own = await manager.GetAsync("/Admin/Reports?course=" + courseId);
        Assert.DoesNotContain("id=\"units-narrowed\"", own.Body, StringComparison.Ordinal);
        Assert.Contains("Xã Lớn 1-199<", own.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Xã Lớn 0-", own.Body, StringComparison.Ordinal);
    }

    private static async Task<Guid> FinishAsync(TestSite site, SiteClient cadre, bool right)
    {
        var attempt = await StartFromLessonAsync(cadre);
        var questions = await QuestionsAsync(site, attempt);
        var answers = questions.Select(q => new
        {
            slot = q.Key,
            seq = 10L,
            response = q.Value.Type == QuestionType.Essay ? new QuestionResponse { Text = "Các bước: cắm USB token, nhập PIN, ký." }
                : right ? RightAnswer(q.Value) : new QuestionResponse { Choices = q.Value.Type is QuestionType.SingleChoice ? [q.Value.Key("b")] : [] },
        }).ToList();
        var (status, _) = await SaveAsync(cadre, attempt, new { page = 1, answers });
        Assert.Equal(HttpStatusCode.OK, status);
        var token = Field((await cadre.GetAsync($"/Quizzes/Attempt/{attempt}")).Body, "__RequestVerificationToken");
        // The no-script form of a page would carry that page's fields; this submit names no page, so the saved answers stand.
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("page", "-1"), new("pending", "")]);
        using var response = await cadre.Http.PostAsync($"/Quizzes/Attempt/{attempt}?handler=Submit", content);
        Assert.Equal($"/Quizzes/Review/{attempt}", response.Headers.Location?.OriginalString);
        return attempt;
    }

    private static async Task AddEssayAsync(TestSite site, Quiz quiz)
    {
        await site.WithDbAsync(async db =>
        {
            var category = new QuestionCategory { Name = "Tự luận", CreatedUtc = DateTime.UtcNow };
            db.Add(category);
            await db.SaveChangesAsync();
            var definition = new QuestionDefinition { Type = QuestionType.Essay, Name = "Tự luận ký số", Text = Essay };
            var question = new Question { CategoryId = category.Id, Key = "kt-ky-so-essay", Name = definition.Name, Type = nameof(QuestionType.Essay), CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
            db.Add(question);
            await db.SaveChangesAsync();
            var version = new QuestionVersion { QuestionId = question.Id, Number = 1, Definition = QuestionJson.Serialize(definition), CreatedUtc = DateTime.UtcNow };
            db.Add(version);
            await db.SaveChangesAsync();
            question.CurrentVersionId = version.Id;
            db.Add(new QuizSlot { QuizId = quiz.Id, Position = 2, QuestionId = question.Id, Mark = 1 });
            await db.SaveChangesAsync();
            return true;
        });
        await site.WithServiceAsync<QuizCatalog, bool>(catalog =>
        {
            catalog.Forget(quiz.Id, quiz.Key);
            return Task.FromResult(true);
        });
    }
}
