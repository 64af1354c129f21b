using Learning.Courses.Data;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Modularity;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.EntityFrameworkCore;

namespace Learning.IntegrationTests.Quizzes;

public sealed class QuizRecipeTests
{
    private static readonly string[] CourseSlugs = ["dich-vu-cong-truc-tuyen", "chu-ky-so-cong-vu", "vneid-dinh-danh-dien-tu", "thanh-toan-truc-tuyen", "bieu-mau-dien-tu-so-hoa"];

    private const string FinalQuiz = "kt-san-sang-ky-so";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ShippedRecipes_OnAFreshSite_BuildTheBankTheQuizzesAndTheirLessons(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);

        var (categories, questions, versions) = await site.WithDbAsync(async db =>
            (await db.Set<QuestionCategory>().AsNoTracking().ToListAsync(), await db.Set<Question>().AsNoTracking().ToListAsync(), await db.Set<QuestionVersion>().AsNoTracking().ToListAsync()));

        // Every type is in the bank, and every question's current version is its first, readable as its own type.
        var byType = questions.GroupBy(q => q.Type).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enum.GetNames<QuestionType>(), type => Assert.True(byType.GetValueOrDefault(type) > 0, type));
        Assert.Equal(1, byType[nameof(QuestionType.Essay)]);
        Assert.Equal(questions.Count, versions.Count);
        foreach (var question in questions)
        {
            var version = versions.Single(v => v.Id == question.CurrentVersionId);
            Assert.Equal((question.Id, 1), (version.QuestionId, version.Number));
            var definition = QuestionJson.Deserialize(version.Definition);
            Assert.Equal(question.Type, definition.Type.ToString());
            Assert.Equal(question.Name, definition.Name);
            Assert.Equal(SearchText.Fold(definition.Name + " " + definition.Text), question.SearchText);
            Assert.False(string.IsNullOrWhiteSpace(definition.Text), question.Key);
        }

        // A course bank of at least 12 per course, the province's shared bank of at least 20; folded search finds Vietnamese.
        foreach (var slug in CourseSlugs)
        {
            var own = categories.Single(c => c.CourseSlug == slug && c.ParentId == null);
            Assert.True(questions.Count(q => q.CategoryId == own.Id) >= 12, slug);
        }

        var shared = categories.Single(c => c.CourseSlug == null);
        Assert.Equal("Sẵn sàng ký số", shared.Name);
        Assert.True(questions.Count(q => q.CategoryId == shared.Id) >= 20);
        Assert.Contains(questions, q => q.SearchText.Contains("chu ky so", StringComparison.Ordinal));

        var shortAnswer = QuestionJson.Deserialize(versions.Single(v => v.Id == questions.Single(q => q.Key == "ss-21").CurrentVersionId).Definition);
        Assert.True(shortAnswer.IgnoreDiacritics);
        var trueFalse = QuestionJson.Deserialize(versions.Single(v => v.Id == questions.Single(q => q.Key == "cks-03").CurrentVersionId).Definition);
        Assert.Equal(["true", "false"], trueFalse.Options.Select(o => o.Id));
        Assert.Equal(0, trueFalse.Options[0].Fraction);
        Assert.Equal(1, trueFalse.Options[1].Fraction);
        var single = QuestionJson.Deserialize(versions.Single(v => v.Id == questions.Single(q => q.Key == "cks-01").CurrentVersionId).Definition);
        Assert.Equal(["a", "b", "c", "d"], single.Options.Select(o => o.Id));

        await AssertQuizzesAsync(site, categories, questions);
    }

    /// <summary>A quiz per course and the final one, each reached from a required quiz lesson; no draw can hold an essay, which would wait for a trainer.</summary>
    private static async Task AssertQuizzesAsync(TestSite site, List<QuestionCategory> categories, List<Question> questions)
    {
        var quizzes = await site.WithDbAsync(db => db.Set<Quiz>().AsNoTracking().Include(q => q.Slots).ToListAsync());
        Assert.Equal(CourseSlugs.Select(s => "kt-" + s).Append(FinalQuiz).Order(), quizzes.Select(q => q.Key).Order());
        foreach (var quiz in quizzes)
        {
            var slot = Assert.Single(quiz.Slots);
            var drawn = questions.Where(q => q.CategoryId == slot.CategoryId).ToList();
            Assert.True(slot.RandomCount <= drawn.Count, quiz.Key);
            Assert.DoesNotContain(drawn, q => q.Type == nameof(QuestionType.Essay));
            Assert.Equal(quiz.CourseSlug, categories.Single(c => c.Id == slot.CategoryId).CourseSlug);
        }

        var final = quizzes.Single(q => q.Key == FinalQuiz);
        Assert.Equal((30 * 60, 80m, 20), (final.TimeLimitSeconds, final.PassPercent, final.Slots[0].RandomCount));
        Assert.False(final.ReviewImmediately.HasFlag(ReviewItems.RightAnswer));

        var lessons = await site.WithDbAsync(db => db.Set<Lesson>().AsNoTracking().Where(l => l.Kind == "quiz")
            .Select(l => new { l.Reference, l.Required, Course = db.Set<Course>().Where(c => c.Id == l.CourseId).Select(c => c.Slug).Single() }).ToListAsync());
        Assert.Equal(quizzes.Select(q => q.Key).Order(), lessons.Select(l => l.Reference!).Order());
        Assert.All(lessons, l => Assert.True(l.Required));
        Assert.All(lessons.Where(l => l.Reference != FinalQuiz), l => Assert.Equal("kt-" + l.Course, l.Reference));

        // The final quiz closes the last course of the readiness path, as that course's very last lesson.
        var pathLast = await site.WithDbAsync(async db =>
        {
            var path = await db.Set<LearningPath>().Include(p => p.Courses).SingleAsync(p => p.Slug == "san-sang-ky-so");
            var lastCourseId = path.Courses.OrderBy(c => c.Position).Last().CourseId;
            return await db.Set<Lesson>().Where(l => l.CourseId == lastCourseId).OrderByDescending(l => db.Set<CourseModule>().Where(m => m.Id == l.ModuleId).Select(m => m.Position).Single())
                .ThenByDescending(l => l.Position).Select(l => l.Reference).FirstAsync();
        });
        Assert.Equal(FinalQuiz, pathLast);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ShippedQuizRecipe_RunAgain_ChangesNothing(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var before = await SnapshotAsync(site);

        var again = await site.WithServiceAsync<IRecipeRunner, RecipeResult>(r => r.RunFileAsync(Databases.ContentRecipes("quizzes.recipe.json"), RecipeRunOptions.System));

        Assert.True(again.Succeeded, again.Error + " " + again.JsonPath);
        Assert.Equal(before, await SnapshotAsync(site));
    }

    private static Task<string> SnapshotAsync(TestSite site) => site.WithDbAsync(async db =>
        string.Join('\n',
            (await db.Set<QuestionCategory>().OrderBy(c => c.Id).Select(c => $"c{c.Id}/{c.ParentId}/{c.CourseSlug}/{c.Name}/{c.Info}").ToListAsync())
            .Concat(await db.Set<Question>().OrderBy(q => q.Id).Select(q => $"q{q.Id}/{q.Key}/{q.CategoryId}/{q.CurrentVersionId}/{q.UpdatedUtc:O}").ToListAsync())
            .Concat(await db.Set<QuestionVersion>().OrderBy(v => v.Id).Select(v => $"v{v.Id}/{v.QuestionId}/{v.Number}/{v.Definition}").ToListAsync())
            .Concat(await db.Set<Quiz>().OrderBy(q => q.Id).Select(q => $"z{q.Id}/{q.Key}/{q.UpdatedUtc:O}").ToListAsync())
            .Concat(await db.Set<QuizSlot>().OrderBy(s => s.Id).Select(s => $"s{s.Id}/{s.QuizId}/{s.Position}/{s.CategoryId}/{s.RandomCount}").ToListAsync())));

    private static string Bank(string firstText, string secondText) => $$"""
        { "name": "ngan-hang", "steps": [
          { "name": "questionBank", "categories": [ { "name": "Thử nghiệm", "course": "khoa-thu", "questions": [
            { "key": "thu-01", "type": "SingleChoice", "text": "{{firstText}}", "options": [ { "text": "Đúng", "fraction": 1 }, { "text": "Sai" } ] },
            { "key": "thu-02", "type": "ShortAnswer", "text": "{{secondText}}", "ignoreDiacritics": true, "options": [ { "text": "chữ ký số" } ] } ] } ] },
          { "name": "quizzes", "quizzes": [ { "key": "kt-thu", "title": "Kiểm tra thử", "course": "khoa-thu",
            "slots": [ { "question": "thu-01" }, { "random": 1, "category": "Thử nghiệm", "mark": 2 } ] } ] } ] }
        """;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ChangedQuestion_UsedByAnAttempt_GetsVersion2_AnUnusedOneIsCorrectedInPlace(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        var first = await site.RunRecipeAsync(Bank("Câu một?", "Câu hai?"));
        Assert.True(first.Succeeded, first.Error + " " + first.JsonPath);

        // A cadre's attempt showed thu-01's first version.
        var (usedId, usedVersion) = await site.WithDbAsync(async db =>
        {
            var question = await db.Set<Question>().SingleAsync(q => q.Key == "thu-01");
            var attempt = new Attempt
            {
                PublicId = Guid.NewGuid(), QuizId = await db.Set<Quiz>().Where(q => q.Key == "kt-thu").Select(q => q.Id).SingleAsync(),
                UserId = "hoc-vien", Number = 1, StartedUtc = DateTime.UtcNow, MaxScore = 3,
            };
            attempt.Questions.Add(new AttemptQuestion { Slot = 1, Page = 1, QuestionId = question.Id, QuestionVersionId = question.CurrentVersionId, Mark = 1, OptionOrder = "a,b" });
            db.Add(attempt);
            await db.SaveChangesAsync();
            return (question.Id, question.CurrentVersionId);
        });

        var changed = await site.RunRecipeAsync(Bank("Câu một, đã sửa?", "Câu hai, đã sửa?"));
        Assert.True(changed.Succeeded, changed.Error + " " + changed.JsonPath);

        await site.WithDbAsync(async db =>
        {
            var versions = await db.Set<QuestionVersion>().AsNoTracking().Where(v => v.QuestionId == usedId).OrderBy(v => v.Number).ToListAsync();
            Assert.Equal([1, 2], versions.Select(v => v.Number));
            Assert.Equal("Câu một?", QuestionJson.Deserialize(versions[0].Definition).Text);
            Assert.Equal("Câu một, đã sửa?", QuestionJson.Deserialize(versions[1].Definition).Text);
            var question = await db.Set<Question>().AsNoTracking().SingleAsync(q => q.Id == usedId);
            Assert.Equal(versions[1].Id, question.CurrentVersionId);
            Assert.Equal(usedVersion, await db.Set<AttemptQuestion>().Select(a => a.QuestionVersionId).SingleAsync());

            var unused = await db.Set<Question>().AsNoTracking().SingleAsync(q => q.Key == "thu-02");
            var only = await db.Set<QuestionVersion>().AsNoTracking().SingleAsync(v => v.QuestionId == unused.Id);
            Assert.Equal((1, unused.CurrentVersionId), (only.Number, only.Id));
            Assert.Equal("Câu hai, đã sửa?", QuestionJson.Deserialize(only.Definition).Text);
            Assert.Contains("da sua", unused.SearchText, StringComparison.Ordinal);
            return 0;
        });

        // The same recipe once more: no third version.
        var third = await site.RunRecipeAsync(Bank("Câu một, đã sửa?", "Câu hai, đã sửa?"));
        Assert.True(third.Succeeded, third.Error);
        Assert.Equal(3, await site.WithDbAsync(db => db.Set<QuestionVersion>().CountAsync()));
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<QuizSlot>().CountAsync()));
    }

    private static (string Steps, string Path, string Message)[] BadSteps()
    {
        const string Bank = """{ "name": "questionBank", "categories": [ { "name": "Thử", "questions": [ QUESTIONS ] } ] }""";
        const string Choice = """{ "key": "x-01", "type": "SingleChoice", "text": "Hỏi?", "options": [ { "text": "A", "fraction": 1 }, { "text": "B" } ] }""";
        return
        [
            (Bank.Replace("QUESTIONS", """{ "key": "x-01", "type": "Dropdown", "text": "Hỏi?" }""", StringComparison.Ordinal),
                "$.steps[0].categories[0].questions[0].type", "Loại câu hỏi “Dropdown” không hợp lệ"),
            (Bank.Replace("QUESTIONS", """{ "key": "x-01", "type": "SingleChoice", "text": "Hỏi?", "options": [ { "text": "A", "fraction": 0.5 }, { "text": "B" } ] }""", StringComparison.Ordinal),
                "$.steps[0].categories[0].questions[0].options", "cần ít nhất một phương án đúng hoàn toàn"),
            (Bank.Replace("QUESTIONS", """{ "key": "x-01", "type": "MultipleChoice", "text": "Hỏi?", "options": [ { "text": "A", "fraction": 0.5 }, { "text": "B", "fraction": 0.3 } ] }""", StringComparison.Ordinal),
                "$.steps[0].categories[0].questions[0].options", "phải bằng 1 (hiện là 0.8)"),
            (Bank.Replace("QUESTIONS", """{ "key": "x-01", "type": "Numerical", "text": "Bao nhiêu?", "options": [ { "text": "12" }, { "text": "mười hai", "fraction": 0 } ] }""", StringComparison.Ordinal),
                "$.steps[0].categories[0].questions[0].options[1].text", "“mười hai” không phải là số"),
            (Bank.Replace("QUESTIONS", Choice + ", " + Choice, StringComparison.Ordinal),
                "$.steps[0].categories[0].questions[1].key", "Mã “x-01” được dùng hai lần"),
            (Bank.Replace("QUESTIONS", Choice.Replace("\"text\": \"Hỏi?\"", "\"text\": \"Hỏi?\", \"ignoreDiacritics\": true", StringComparison.Ordinal), StringComparison.Ordinal),
                "$.steps[0].categories[0].questions[0].ignoreDiacritics", "Không dùng được “ignoreDiacritics” ở đây"),
            (Bank.Replace("QUESTIONS", """{ "key": "x-01", "type": "Matching", "text": "Ghép", "pairs": [ { "prompt": "A", "answer": "1" }, { "answer": "2" } ] }""", StringComparison.Ordinal),
                "$.steps[0].categories[0].questions[0].pairs", "ít nhất 2 cặp"),
            (Bank.Replace("QUESTIONS", """{ "key": "x-01", "type": "TrueFalse", "text": "Đúng không?", "answer": "yes" }""", StringComparison.Ordinal),
                "$.steps[0].categories[0].questions[0].answer", "“answer” phải là"),
            (Bank.Replace("QUESTIONS", Choice, StringComparison.Ordinal) + """, { "name": "quizzes", "quizzes": [ { "key": "k", "title": "K", "slots": [ { "question": "x-99" } ] } ] }""",
                "$.steps[1].quizzes[0].slots[0].question", "Không có câu hỏi mã “x-99”"),
            (Bank.Replace("QUESTIONS", Choice, StringComparison.Ordinal) + """, { "name": "quizzes", "quizzes": [ { "key": "k", "title": "K", "slots": [ { "random": 1, "category": "Không có" } ] } ] }""",
                "$.steps[1].quizzes[0].slots[0].category", "Không có danh mục câu hỏi “Không có”"),
            (Bank.Replace("QUESTIONS", Choice, StringComparison.Ordinal) + """, { "name": "quizzes", "quizzes": [ { "key": "k", "title": "K", "slots": [ { "random": 2, "category": "Thử" } ] } ] }""",
                "$.steps[1].quizzes[0].slots[0].random", "Cần rút ngẫu nhiên 2 câu nhưng danh mục “Thử” chỉ có 1 câu"),
            (Bank.Replace("QUESTIONS", Choice, StringComparison.Ordinal) + """, { "name": "quizzes", "quizzes": [ { "key": "k", "title": "K", "grading": "Best", "slots": [ { "question": "x-01" } ] } ] }""",
                "$.steps[1].quizzes[0].grading", "Cách tính điểm “Best” không hợp lệ"),
            (Bank.Replace("QUESTIONS", Choice, StringComparison.Ordinal) + """, { "name": "quizzes", "quizzes": [ { "key": "k", "title": "K", "review": { "immediately": ["answer", "score"] }, "slots": [ { "question": "x-01" } ] } ] }""",
                "$.steps[1].quizzes[0].review.immediately[1]", "Mục xem lại “score” không hợp lệ"),
        ];
    }

    /// <summary>One site per database for every case: each bad step is refused at its path, in Vietnamese, and leaves nothing behind.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task BadStep_NamesTheProblemAtItsPath_AndChangesNothing(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        foreach (var (steps, path, message) in BadSteps())
        {
            var result = await site.RunRecipeAsync($$"""{ "name": "sai", "steps": [ {{steps}} ] }""");

            Assert.False(result.Succeeded, path);
            Assert.Equal(path, result.JsonPath);
            Assert.Contains(message, result.Error, StringComparison.Ordinal);
            Assert.Equal(0, await site.WithDbAsync(db => db.Set<QuestionCategory>().CountAsync()));
            Assert.Equal(0, await site.WithDbAsync(db => db.Set<Quiz>().CountAsync()));
        }
    }
}
