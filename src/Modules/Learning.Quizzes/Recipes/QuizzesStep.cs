using System.Globalization;
using System.Text.Json;
using Learning.Data;
using Learning.Modularity;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Recipes;

/// <summary>
/// <c>{ "name": "quizzes", "quizzes": [ { "key", "title", "intro"?, "course"?, "timeLimitMinutes"?, "attempts"?, "grading"?, "passPercent"?,
/// "password"?, "review"?: { "during", "immediately", "laterOpen", "afterClose" }, "overallFeedback"?: [ { "from"?, "text" } ], "slots": [ { "question", "mark"? } | { "random", "category", "course"?,
/// "includeSubcategories"?, "mark"? } ] } ] }</c>. Quizzes are matched by key; their slots are replaced when they differ.
/// A random slot's category is a path of names ("Chữ ký số/An toàn") in the slot's course, by default the quiz's (<c>"course": null</c>
/// names the province's shared bank).
/// </summary>
public sealed class QuizzesStep(LearningDbContext db, IStringLocalizer<QuizzesStrings> t, TimeProvider clock) : IRecipeStepHandler
{
    private static readonly string[] QuizProperties =
    [
        "key", "title", "intro", "course", "timeLimitMinutes", "attempts", "grading", "passPercent", "questionsPerPage", "shuffleQuestions",
        "shuffleOptions", "delayMinutes", "opens", "closes", "password", "review", "overallFeedback", "slots",
    ];

    private static readonly Dictionary<string, ReviewItems> ReviewNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["answer"] = ReviewItems.Answer,
        ["correctness"] = ReviewItems.Correctness,
        ["marks"] = ReviewItems.Marks,
        ["feedback"] = ReviewItems.Feedback,
        ["generalFeedback"] = ReviewItems.GeneralFeedback,
        ["rightAnswer"] = ReviewItems.RightAnswer,
    };

    public string StepName => "quizzes";

    public string? Permission => Permissions.Names.Author;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        RecipeShape.RefuseUnknown(context, t, context.Step, "", ["name", "quizzes"]);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, path) in context.ArrayItems(context.Step, "quizzes", "", t["Recipe.QuizzesRequired"]).ToList())
        {
            RecipeShape.RefuseUnknown(context, t, item, path, QuizProperties);
            var key = RecipeShape.RequiredText(context, t, item, "key", path, 100, t["Recipe.QuizKeyRequired"]);
            if (!keys.Add(key))
            {
                throw context.Error(path + ".key", t["Recipe.KeyTwice", key]);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var quiz = await db.Set<Quiz>().Include(q => q.Slots).SingleOrDefaultAsync(q => q.Key == key, cancellationToken);
            if (quiz is null)
            {
                quiz = new Quiz { Key = key, CreatedUtc = now };
                db.Add(quiz);
            }

            var before = Fingerprint(quiz);
            ReadSettings(context, item, path, quiz);
            var slots = await ReadSlotsAsync(context, item, path, quiz.CourseSlug, cancellationToken);
            if (SlotsFingerprint(slots) != SlotsFingerprint(quiz.Slots))
            {
                foreach (var old in quiz.Slots.ToList())
                {
                    quiz.Slots.Remove(old);
                    db.Remove(old);
                }

                quiz.Slots.AddRange(slots);
            }

            var changed = quiz.Id != 0 && (Fingerprint(quiz) != before || quiz.Slots.Any(s => s.Id == 0));
            if (quiz.Id == 0 || Fingerprint(quiz) != before)
            {
                quiz.UpdatedUtc = now;
            }

            await db.SaveChangesAsync(cancellationToken);
            if (changed)
            {
                await ReadyAttempts.DiscardForQuizAsync(db, quiz.Id, cancellationToken);
            }
        }
    }

    private void ReadSettings(RecipeStepContext context, JsonElement item, string path, Quiz quiz)
    {
        quiz.Title = RecipeShape.RequiredText(context, t, item, "title", path, 300, t["Recipe.TitleRequired"]);
        quiz.Intro = RecipeShape.OptionalText(context, t, item, "intro", path, 20000) ?? "";
        quiz.CourseSlug = RecipeShape.OptionalCourse(context, t, item, path);
        var minutes = RecipeShape.OptionalInt(context, t, item, "timeLimitMinutes", path, 0, 24 * 60) ?? 0;
        quiz.TimeLimitSeconds = minutes == 0 ? null : minutes * 60;
        quiz.AttemptsAllowed = RecipeShape.OptionalInt(context, t, item, "attempts", path, 0, 100) ?? 0;
        var grading = context.OptionalString(item, "grading", path) ?? nameof(GradingMethod.Highest);
        quiz.GradingMethod = Enum.GetValues<GradingMethod>().Cast<GradingMethod?>().FirstOrDefault(g => string.Equals(g.ToString(), grading, StringComparison.OrdinalIgnoreCase))
            ?? throw context.Error(path + ".grading", t["Recipe.GradingUnknown", grading, string.Join(", ", Enum.GetNames<GradingMethod>())]);
        quiz.PassPercent = (decimal)(RecipeShape.OptionalNumber(context, t, item, "passPercent", path, 0, 100) ?? 80);
        quiz.QuestionsPerPage = RecipeShape.OptionalInt(context, t, item, "questionsPerPage", path, 1, 100) ?? 2;
        quiz.ShuffleQuestions = RecipeShape.OptionalBool(context, item, "shuffleQuestions", path) ?? true;
        quiz.ShuffleOptions = RecipeShape.OptionalBool(context, item, "shuffleOptions", path) ?? true;
        quiz.DelayBetweenAttemptsSeconds = (RecipeShape.OptionalInt(context, t, item, "delayMinutes", path, 0, 7 * 24 * 60) ?? 0) * 60;
        quiz.OpensUtc = ParseDate(context, item, "opens", path);
        quiz.ClosesUtc = ParseDate(context, item, "closes", path);
        quiz.Password = RecipeShape.OptionalText(context, t, item, "password", path, QuizPassword.MaxLength) is { Length: > 0 } password ? password.Trim() : null;
        if (quiz.OpensUtc is { } opens && quiz.ClosesUtc is { } closes && closes <= opens)
        {
            throw context.Error(path + ".closes", t["Recipe.ClosesBeforeOpens"]);
        }

        ReadReview(context, item, path, quiz);
        ReadFeedback(context, item, path, quiz);
    }

    /// <summary>The overall feedback's bands (<see cref="OverallFeedback"/>); left out, the quiz has none.</summary>
    private void ReadFeedback(RecipeStepContext context, JsonElement item, string path, Quiz quiz)
    {
        quiz.OverallFeedback = null;
        if (!RecipeShape.Has(item, "overallFeedback"))
        {
            return;
        }

        var bands = new List<FeedbackBand>();
        foreach (var (band, bandPath) in context.ArrayItems(item, "overallFeedback", path, t["Recipe.FeedbackRequired"]).ToList())
        {
            RecipeShape.RefuseUnknown(context, t, band, bandPath, ["from", "text"]);
            var from = (decimal)(RecipeShape.OptionalNumber(context, t, band, "from", bandPath, 0, 100) ?? 0);
            var text = RecipeShape.RequiredText(context, t, band, "text", bandPath, OverallFeedback.MaxTextLength, t["Recipe.FeedbackRequired"]);
            if (bands.Any(b => b.From == from))
            {
                throw context.Error(bandPath + ".from", t["Edit.FeedbackTwice"]);
            }

            bands.Add(new FeedbackBand(from, text));
        }

        if (bands.Count > OverallFeedback.MaxBands)
        {
            throw context.Error(path + ".overallFeedback", t["Edit.FeedbackRange"]);
        }

        quiz.OverallFeedback = OverallFeedback.Write(bands);
    }

    /// <summary>Each moment given replaces that moment's set; a moment left out keeps the quiz's default.</summary>
    private void ReadReview(RecipeStepContext context, JsonElement item, string path, Quiz quiz)
    {
        var defaults = new Quiz();
        (quiz.ReviewDuring, quiz.ReviewImmediately, quiz.ReviewLaterOpen, quiz.ReviewAfterClose) =
            (defaults.ReviewDuring, defaults.ReviewImmediately, defaults.ReviewLaterOpen, defaults.ReviewAfterClose);
        if (!RecipeShape.Has(item, "review"))
        {
            return;
        }

        var review = item.GetProperty("review");
        var reviewPath = path + ".review";
        RecipeShape.RefuseUnknown(context, t, review, reviewPath, ["during", "immediately", "laterOpen", "afterClose"]);
        quiz.ReviewDuring = ReadReviewItems(context, review, "during", reviewPath) ?? quiz.ReviewDuring;
        quiz.ReviewImmediately = ReadReviewItems(context, review, "immediately", reviewPath) ?? quiz.ReviewImmediately;
        quiz.ReviewLaterOpen = ReadReviewItems(context, review, "laterOpen", reviewPath) ?? quiz.ReviewLaterOpen;
        quiz.ReviewAfterClose = ReadReviewItems(context, review, "afterClose", reviewPath) ?? quiz.ReviewAfterClose;
    }

    private ReviewItems? ReadReviewItems(RecipeStepContext context, JsonElement review, string moment, string path)
    {
        if (!RecipeShape.Has(review, moment))
        {
            return null;
        }

        var items = ReviewItems.None;
        foreach (var (value, valuePath) in context.ArrayItems(review, moment, path, t["Recipe.ReviewItemsRequired"]).ToList())
        {
            var name = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            items |= ReviewNames.TryGetValue(name, out var flag)
                ? flag
                : throw context.Error(valuePath, t["Recipe.ReviewItemUnknown", name, string.Join(", ", ReviewNames.Keys)]);
        }

        return items;
    }

    private async Task<List<QuizSlot>> ReadSlotsAsync(RecipeStepContext context, JsonElement item, string path, string? quizCourse, CancellationToken cancellationToken)
    {
        var slots = new List<QuizSlot>();
        var questions = new HashSet<int>();
        foreach (var (slotItem, slotPath) in context.ArrayItems(item, "slots", path, t["Recipe.SlotsRequired"]).ToList())
        {
            RecipeShape.RefuseUnknown(context, t, slotItem, slotPath, ["question", "random", "category", "course", "includeSubcategories", "mark"]);
            var slot = new QuizSlot
            {
                Position = slots.Count + 1,
                Mark = (decimal)(RecipeShape.OptionalNumber(context, t, slotItem, "mark", slotPath, 0.01, 1000) ?? 1),
            };
            var questionKey = context.OptionalString(slotItem, "question", slotPath);
            var random = RecipeShape.OptionalInt(context, t, slotItem, "random", slotPath, 1, 500);
            if ((questionKey is null) == (random is null))
            {
                throw context.Error(slotPath, t["Recipe.SlotShape"]);
            }

            if (questionKey is not null)
            {
                if (RecipeShape.Has(slotItem, "category") || RecipeShape.Has(slotItem, "includeSubcategories") || slotItem.TryGetProperty("course", out _))
                {
                    throw context.Error(slotPath, t["Recipe.SlotShape"]);
                }

                slot.QuestionId = await db.Set<Question>().Where(q => q.Key == questionKey && !q.Archived).Select(q => (int?)q.Id).SingleOrDefaultAsync(cancellationToken)
                    ?? throw context.Error(slotPath + ".question", t["Recipe.QuestionUnknown", questionKey]);
                if (!questions.Add(slot.QuestionId.Value))
                {
                    throw context.Error(slotPath + ".question", t["Recipe.QuestionTwice", questionKey]);
                }
            }
            else
            {
                slot.RandomCount = random!.Value;
                slot.IncludeSubcategories = RecipeShape.OptionalBool(context, slotItem, "includeSubcategories", slotPath) ?? false;
                var course = slotItem.TryGetProperty("course", out _) ? RecipeShape.OptionalCourse(context, t, slotItem, slotPath) : quizCourse;
                var categoryPath = context.RequiredString(slotItem, "category", slotPath, t["Recipe.SlotCategoryRequired"]);
                slot.CategoryId = await FindCategoryAsync(context, slotPath, course, categoryPath, slot.IncludeSubcategories, slot.RandomCount, cancellationToken);
            }

            slots.Add(slot);
        }

        return slots.Count > 0 ? slots : throw context.Error(path + ".slots", t["Recipe.SlotsRequired"]);
    }

    /// <summary>The category at <paramref name="categoryPath"/> in <paramref name="course"/>'s bank, holding at least <paramref name="count"/> questions to draw.</summary>
    private async Task<int> FindCategoryAsync(RecipeStepContext context, string slotPath, string? course, string categoryPath, bool includeSubcategories, int count, CancellationToken cancellationToken)
    {
        var categories = await db.Set<QuestionCategory>().Where(c => c.CourseSlug == course).Select(c => new { c.Id, c.ParentId, c.Name }).ToListAsync(cancellationToken);
        int? id = null;
        foreach (var name in categoryPath.Split('/', StringSplitOptions.TrimEntries))
        {
            id = categories.Where(c => c.ParentId == id && c.Name == name).OrderBy(c => c.Id).Select(c => (int?)c.Id).FirstOrDefault()
                ?? throw context.Error(slotPath + ".category", t["Recipe.CategoryUnknown", categoryPath, course ?? t["Recipe.SharedBank"]]);
        }

        var ids = new List<int> { id!.Value };
        for (var i = 0; includeSubcategories && i < ids.Count; i++)
        {
            ids.AddRange(categories.Where(c => c.ParentId == ids[i]).Select(c => c.Id));
        }

        var available = await db.Set<Question>().CountAsync(q => ids.Contains(q.CategoryId) && !q.Archived, cancellationToken);
        return count <= available
            ? id.Value
            : throw context.Error(slotPath + ".random", t["Recipe.RandomTooMany", count, categoryPath, available]);
    }

    private DateTime? ParseDate(RecipeStepContext context, JsonElement item, string property, string path)
    {
        var text = context.OptionalString(item, property, path);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.UtcDateTime
            : throw context.Error($"{path}.{property}", t["Recipe.DateInvalid", text]);
    }

    private static string SlotsFingerprint(IEnumerable<QuizSlot> slots) => string.Join(';', slots.OrderBy(s => s.Position)
        .Select(s => string.Join(',', s.Position, s.QuestionId, s.CategoryId, s.RandomCount, s.IncludeSubcategories, s.Mark.ToString("0.###", CultureInfo.InvariantCulture))));

    private static string Fingerprint(Quiz quiz) => string.Join('|',
        quiz.Title, quiz.Intro.GetHashCode(StringComparison.Ordinal), quiz.CourseSlug, quiz.TimeLimitSeconds, quiz.AttemptsAllowed, quiz.GradingMethod,
        quiz.PassPercent.ToString("0.##", CultureInfo.InvariantCulture), quiz.QuestionsPerPage, quiz.ShuffleQuestions, quiz.ShuffleOptions,
        quiz.DelayBetweenAttemptsSeconds, quiz.OpensUtc, quiz.ClosesUtc, quiz.ReviewDuring, quiz.ReviewImmediately, quiz.ReviewLaterOpen,
        quiz.ReviewAfterClose, SlotsFingerprint(quiz.Slots));
}
