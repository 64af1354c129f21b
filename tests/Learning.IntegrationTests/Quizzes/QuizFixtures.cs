using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Courses.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.EntityFrameworkCore;

namespace Learning.IntegrationTests.Quizzes;

/// <summary>A small bank (one question of each auto-graded type), a quiz over it, and a course whose lesson shows the quiz.</summary>
internal static partial class QuizFixtures
{
    public const string NhaTrangCadre = "nguyen.thi.ngoc.diep.nhatrang@example.vn";
    public const string HacThanhCadre = "le.van.thang.hacthanh@example.vn";

    public static readonly QuestionDefinition[] Bank =
    [
        new() { Type = QuestionType.SingleChoice, Name = "Cơ quan cấp chứng thư số", Text = "Cơ quan nào cấp chứng thư số chuyên dùng công vụ?", Options =
            [new() { Id = "a", Text = "Ban Cơ yếu Chính phủ", Fraction = 1, Feedback = "Đúng: Ban Cơ yếu Chính phủ." }, new() { Id = "b", Text = "UBND xã", Fraction = 0, Feedback = "BÍ-MẬT-PHẢN-HỒI-SAI" }] },
        new() { Type = QuestionType.MultipleChoice, Name = "Hình thức ký số", Text = "Chọn các hình thức ký số.", Options =
            [new() { Id = "a", Text = "USB token", Fraction = 0.5 }, new() { Id = "b", Text = "SIM PKI", Fraction = 0.5 }, new() { Id = "c", Text = "Chữ ký tay quét", Fraction = -1 }] },
        new() { Type = QuestionType.TrueFalse, Name = "Chia sẻ PIN", Text = "Được đưa mã PIN cho đồng nghiệp ký hộ.", Options =
            [new() { Id = "true", Text = "Đúng", Fraction = 0 }, new() { Id = "false", Text = "Sai", Fraction = 1 }] },
        new() { Type = QuestionType.ShortAnswer, Name = "Tên gọi", Text = "Chữ ký điện tử dùng chứng thư số gọi là gì?", IgnoreDiacritics = true, Options =
            [new() { Id = "a", Text = "chữ ký số", Fraction = 1 }] },
        new() { Type = QuestionType.Numerical, Name = "Số ngày", Text = "Hồ sơ trễ hạn bao nhiêu ngày thì phải xin lỗi? (ví dụ 1)", Options =
            [new() { Id = "a", Text = "1", Fraction = 1, Tolerance = 0 }] },
        new() { Type = QuestionType.Matching, Name = "Ghép hệ thống", Text = "Ghép hệ thống với việc.", Pairs =
            [new() { Id = "a", Prompt = "VNeID", Answer = "Định danh" }, new() { Id = "b", Prompt = "Cổng DVC", Answer = "Nộp hồ sơ" }, new() { Id = "c", Prompt = "", Answer = "Nhắn tin" }] },
        new() { Type = QuestionType.Ordering, Name = "Thứ tự tiếp nhận", Text = "Sắp xếp các bước.", Options =
            [new() { Id = "a", Text = "Tiếp nhận" }, new() { Id = "b", Text = "Thẩm định" }, new() { Id = "c", Text = "Trả kết quả" }] },
    ];

    /// <summary>
    /// The right answer as a cadre who knows the lesson sends it from the attempt's page: options, matching answers and
    /// ordering items named by their place on the page (<see cref="AnswerKeys"/>), matching prompts by theirs.
    /// </summary>
    public static QuestionResponse RightAnswer(Shown q) => q.Type switch
    {
        QuestionType.SingleChoice or QuestionType.TrueFalse => new() { Choices = [q.Key(q.Question.Options.First(o => o.Fraction >= 1).Id)] },
        QuestionType.MultipleChoice => new() { Choices = [.. q.Question.Options.Where(o => o.Fraction > 0).Select(o => q.Key(o.Id))] },
        QuestionType.ShortAnswer => new() { Text = "CHU KY SO" },
        QuestionType.Numerical => new() { Text = "1" },
        QuestionType.Matching => new()
        {
            Matches = AnswerKeys.Prompts(q.Question).Select((p, i) => (p, i))
                .ToDictionary(x => AnswerKeys.Of(x.i), x => q.Key(q.Question.Pairs.First(a => a.Answer == x.p.Answer).Id)),
        },
        QuestionType.Ordering => new() { Choices = [.. q.Question.Options.Select(o => q.Key(o.Id))] },
        _ => new() { Text = "…" },
    };

    /// <summary>One question of an attempt as its page shows it: the definition, and the attempt's order of its options.</summary>
    internal sealed record Shown(QuestionDefinition Question, IReadOnlyList<string> Order)
    {
        public QuestionType Type => Question.Type;

        /// <summary>The name the page gives the option (or matching answer) <paramref name="id"/>: its place in the order shown.</summary>
        public string Key(string id) => Order.ToList().IndexOf(id) is >= 0 and var i ? AnswerKeys.Of(i) : throw new ArgumentException($"no option {id} on the page", nameof(id));
    }

    public static async Task<Quiz> SeedAsync(TestSite site, string key = "kt-ky-so", int? timeLimitSeconds = null, int attempts = 0, int questionsPerPage = 2)
    {
        var quiz = await site.WithDbAsync(async db =>
        {
            var category = new QuestionCategory { Name = "Ký số", CreatedUtc = DateTime.UtcNow };
            db.Add(category);
            await db.SaveChangesAsync();
            var i = 0;
            foreach (var definition in Bank)
            {
                var question = new Question { CategoryId = category.Id, Key = $"{key}-{++i}", Name = definition.Name, Type = definition.Type.ToString(), CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
                db.Add(question);
                await db.SaveChangesAsync();
                var version = new QuestionVersion { QuestionId = question.Id, Number = 1, Definition = QuestionJson.Serialize(definition), CreatedUtc = DateTime.UtcNow };
                db.Add(version);
                await db.SaveChangesAsync();
                question.CurrentVersionId = version.Id;
            }

            var quiz = new Quiz
            {
                Key = key,
                Title = "Kiểm tra chữ ký số",
                TimeLimitSeconds = timeLimitSeconds,
                AttemptsAllowed = attempts,
                PassPercent = 80,
                QuestionsPerPage = questionsPerPage,
                CreatedUtc = DateTime.UtcNow,
                UpdatedUtc = DateTime.UtcNow,
                Slots = [new QuizSlot { Position = 1, CategoryId = category.Id, RandomCount = Bank.Length, Mark = 1 }],
            };
            db.Add(quiz);
            await db.SaveChangesAsync();
            return quiz;
        });
        var result = await site.RunRecipeAsync($$"""
            { "name": "quiz-test", "steps": [
              { "name": "courses", "courses": [ { "slug": "khoa-{{key}}", "title": "Khóa học có bài kiểm tra", "publish": true, "modules": [
                { "key": "m1", "title": "Kiểm tra", "lessons": [
                  { "key": "bai-kiem-tra", "title": "Bài kiểm tra", "kind": "quiz", "reference": "{{key}}", "required": true, "minutes": 10 } ] } ] } ] },
              { "name": "assignments", "assignments": [ { "course": "khoa-{{key}}", "target": "unit", "value": "KH-NHATRANG", "dueDays": 30 } ] }
            ] }
            """);
        Assert.True(result.Succeeded, result.Error);
        return quiz;
    }

    public static string LessonUrl(string key = "kt-ky-so") => $"/Courses/khoa-{key}/bai-kiem-tra";

    /// <summary>Opens the quiz lesson and presses its start button; returns the attempt's public id.</summary>
    public static async Task<Guid> StartFromLessonAsync(SiteClient client, string key = "kt-ky-so")
    {
        var (status, location, body) = await PostStartAsync(client, key);
        return StartedAttempt(status, location, body);
    }

    /// <summary>
    /// The attempt a start landed on: a new one comes in the answer itself (200, the attempt page, its forms posting to the
    /// attempt's address); one already in progress is a redirect to it.
    /// </summary>
    public static Guid StartedAttempt(HttpStatusCode status, string? location, string body)
    {
        if (status == HttpStatusCode.Redirect)
        {
            return Guid.Parse(location!.Split('/')[^1]);
        }

        Assert.Equal(HttpStatusCode.OK, status);
        var id = Guid.Parse(Regex.Match(body, "id=\"attempt\" data-attempt=\"([0-9a-f-]{36})\"").Groups[1].Value);
        Assert.Contains($"action=\"/Quizzes/Attempt/{id}?handler=Save\"", body, StringComparison.Ordinal);
        return id;
    }

    public static async Task<(HttpStatusCode Status, string? Location, string Body)> PostStartAsync(SiteClient client, string key = "kt-ky-so")
    {
        var (_, lesson, _) = await client.GetAsync(LessonUrl(key));
        var token = Field(lesson, "__RequestVerificationToken");
        var place = Field(lesson, "place");
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("place", place)]);
        using var response = await client.Http.PostAsync($"/Quizzes/{key}", content);
        return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }

    public static string Field(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        Assert.True(match.Success, $"no field {name}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The attempt's questions as the database holds them: its rows, or its draw while no save has written them (ADR-033).</summary>
    public static Task<List<AttemptQuestion>> AttemptQuestionsAsync(TestSite site, Guid attempt) =>
        site.WithDbAsync(async db => AttemptDraw.Expand(await db.Set<Attempt>().IgnoreQueryFilters().AsNoTracking()
            .Include(a => a.Questions).SingleAsync(a => a.PublicId == attempt)).Questions.OrderBy(q => q.Slot).ToList());

    /// <summary>The attempt's questions (slot → definition and option order) as the database holds them.</summary>
    public static async Task<Dictionary<int, Shown>> QuestionsAsync(TestSite site, Guid attempt)
    {
        var questions = await AttemptQuestionsAsync(site, attempt);
        var ids = questions.Select(q => q.QuestionVersionId).ToList();
        var definitions = await site.WithDbAsync(db => db.Set<QuestionVersion>().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Definition));
        return questions.ToDictionary(q => q.Slot, q => new Shown(QuestionJson.Deserialize(definitions[q.QuestionVersionId]), AnswerKeys.Order(q.OptionOrder)));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SaveAsync(SiteClient client, Guid attempt, object body)
    {
        // Any page's token will do (it is the cadre's); the attempt page itself would submit an overdue attempt on opening.
        var token = Field((await client.GetAsync("/Account/Manage")).Body, "__RequestVerificationToken");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/quizzes/attempts/{attempt}/answers") { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await client.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    /// <summary>The attempt page's submit; <paramref name="pending"/>: the answers its script still held, as JSON.</summary>
    public static async Task<(HttpStatusCode Status, string? Location)> SubmitAsync(SiteClient client, Guid attempt, string token, string pending = "")
    {
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("page", "0"), new("pending", pending)]);
        using var response = await client.Http.PostAsync($"/Quizzes/Attempt/{attempt}?handler=Submit", content);
        return (response.StatusCode, response.Headers.Location?.OriginalString);
    }

    public static Task<string> UserIdAsync(TestSite site, string email) =>
        site.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public static Task<bool> LessonDoneAsync(TestSite site, string userId, string key = "kt-ky-so") =>
        site.WithDbAsync(db => db.Set<LessonProgress>().AnyAsync(p => p.UserId == userId && p.LessonKey == "bai-kiem-tra" && p.CompletedUtc != null
            && db.Set<Course>().Any(c => c.Id == p.CourseId && c.Slug == "khoa-" + key)));
}
