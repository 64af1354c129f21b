using System.Text.RegularExpressions;
using Learning.Data;
using Learning.Modularity;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Quizzes.Services;

/// <summary>
/// The quiz editor's work: settings, and the slots (a fixed question by its key, or N random questions from a category).
/// Every change is audited and forgotten by the catalog, so the next attempt sees it; attempts already started keep what
/// they drew.
/// </summary>
public sealed partial class QuizAuthoring(LearningDbContext db, QuizCatalog catalog, IAuditTrail audit, TimeProvider clock)
{
    public Task<Quiz?> FindAsync(string key, CancellationToken cancellationToken) =>
        db.Set<Quiz>().AsNoTracking().Include(q => q.Slots.OrderBy(s => s.Position)).SingleOrDefaultAsync(q => q.Key == key, cancellationToken);

    /// <summary>Creates (<paramref name="existingKey"/> null) or updates a quiz; the error is a resource key (Edit.*).</summary>
    public async Task<(Quiz? Quiz, string? Error)> SaveAsync(string? existingKey, QuizSettingsInput input, CancellationToken cancellationToken)
    {
        if (Check(input) is { } error)
        {
            return (null, error);
        }

        var quiz = existingKey is null ? null : await db.Set<Quiz>().SingleOrDefaultAsync(q => q.Key == existingKey, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (quiz is null)
        {
            if (existingKey is not null)
            {
                return (null, "Edit.NotFound");
            }

            if (await db.Set<Quiz>().AnyAsync(q => q.Key == input.Key, cancellationToken))
            {
                return (null, "Edit.KeyTaken");
            }

            quiz = new Quiz { Key = input.Key, CreatedUtc = now };
            db.Add(quiz);
        }

        Apply(quiz, input);
        quiz.UpdatedUtc = now;
        audit.Record(existingKey is null ? "quizzes.quiz.created" : "quizzes.quiz.updated", quiz.Key, quiz.Title);
        await db.SaveChangesAsync(cancellationToken);
        await ReadyAttempts.DiscardForQuizAsync(db, quiz.Id, cancellationToken);
        catalog.Forget(quiz.Id, quiz.Key);
        return (quiz, null);
    }

    public async Task<string?> AddFixedAsync(Quiz quiz, string questionKey, decimal mark, CancellationToken cancellationToken)
    {
        var questionId = await db.Set<Question>().Where(q => q.Key == questionKey.Trim() && !q.Archived).Select(q => (int?)q.Id).SingleOrDefaultAsync(cancellationToken);
        if (questionId is null)
        {
            return "Edit.NoQuestion";
        }

        return await AddSlotAsync(quiz, new QuizSlot { QuestionId = questionId, Mark = mark }, cancellationToken);
    }

    public async Task<string?> AddRandomAsync(Quiz quiz, int categoryId, int count, bool includeSubcategories, decimal mark, CancellationToken cancellationToken)
    {
        if (count is < 1 or > 500)
        {
            return "Edit.Range";
        }

        var pool = await catalog.PoolAsync(categoryId, includeSubcategories, cancellationToken);
        if (pool.Count < count)
        {
            return "Edit.PoolTooSmall";
        }

        return await AddSlotAsync(quiz, new QuizSlot { CategoryId = categoryId, RandomCount = count, IncludeSubcategories = includeSubcategories, Mark = mark }, cancellationToken);
    }

    /// <summary>What each slot of <paramref name="quiz"/> (its slots loaded) can draw now, in the slots' order (<see cref="SlotSupply"/>).</summary>
    public async Task<IReadOnlyList<SlotSupply>> SupplyAsync(Quiz quiz, CancellationToken cancellationToken)
    {
        var slots = quiz.Slots.OrderBy(s => s.Position).ToList();
        var fixedIds = slots.Where(s => s.QuestionId is not null).Select(s => s.QuestionId!.Value).ToList();
        var named = await db.Set<Question>().AsNoTracking().Where(q => fixedIds.Contains(q.Id))
            .Select(q => new { q.Id, q.Name, q.Key, q.Archived }).ToDictionaryAsync(q => q.Id, cancellationToken);
        var taken = new List<(HashSet<int> Pool, int Count)>();
        var supply = new List<SlotSupply>(slots.Count);
        foreach (var slot in slots)
        {
            if (slot.QuestionId is { } id)
            {
                var question = named.GetValueOrDefault(id);
                supply.Add(new SlotSupply(slot.Id, 1, question is null ? 0 : 1, question?.Name, question?.Key, question?.Archived ?? false));
            }
            else if (slot.CategoryId is { } categoryId)
            {
                var pool = (await catalog.LiveQuestionsAsync(categoryId, slot.IncludeSubcategories, cancellationToken)).Except(fixedIds).ToHashSet();
                // At worst, each earlier random slot took as many as it could of the questions it shares with this one.
                var available = pool.Count - taken.Sum(t => Math.Min(t.Count, t.Pool.Count(pool.Contains)));
                supply.Add(new SlotSupply(slot.Id, slot.RandomCount, Math.Max(0, available)));
                taken.Add((pool, slot.RandomCount));
            }
        }

        return supply;
    }

    /// <summary>The quizzes with a random slot that can no longer draw what it asks (after an archive, say), each with its first short slot.</summary>
    public async Task<IReadOnlyList<(Quiz Quiz, SlotSupply Slot)>> ShortQuizzesAsync(CancellationToken cancellationToken)
    {
        var quizzes = await db.Set<Quiz>().AsNoTracking().Include(q => q.Slots).Where(q => q.Slots.Any(s => s.CategoryId != null))
            .OrderBy(q => q.Title).ToListAsync(cancellationToken);
        var found = new List<(Quiz, SlotSupply)>();
        foreach (var quiz in quizzes)
        {
            if ((await SupplyAsync(quiz, cancellationToken)).FirstOrDefault(s => s.IsShort && s.QuestionKey is null) is { } slot)
            {
                found.Add((quiz, slot));
            }
        }

        return found;
    }

    public async Task<bool> RemoveSlotAsync(Quiz quiz, int slotId, CancellationToken cancellationToken)
    {
        var removed = await db.Set<QuizSlot>().Where(s => s.Id == slotId && s.QuizId == quiz.Id).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            audit.Record("quizzes.slot.removed", quiz.Key, $"{slotId}");
            await db.SaveChangesAsync(cancellationToken);
            await ReadyAttempts.DiscardForQuizAsync(db, quiz.Id, cancellationToken);
            catalog.Forget(quiz.Id, quiz.Key);
        }

        return removed > 0;
    }

    private async Task<string?> AddSlotAsync(Quiz quiz, QuizSlot slot, CancellationToken cancellationToken)
    {
        if (slot.Mark is <= 0 or > 100)
        {
            return "Edit.Range";
        }

        slot.QuizId = quiz.Id;
        slot.Position = (await db.Set<QuizSlot>().Where(s => s.QuizId == quiz.Id).MaxAsync(s => (int?)s.Position, cancellationToken) ?? 0) + 1;
        db.Add(slot);
        audit.Record("quizzes.slot.added", quiz.Key, slot.QuestionId is { } q ? $"question {q}" : $"{slot.RandomCount} random from category {slot.CategoryId}");
        await db.SaveChangesAsync(cancellationToken);
        await ReadyAttempts.DiscardForQuizAsync(db, quiz.Id, cancellationToken);
        catalog.Forget(quiz.Id, quiz.Key);
        return null;
    }

    private static string? Check(QuizSettingsInput input)
    {
        if (!KeyPattern().IsMatch(input.Key ?? ""))
        {
            return "Edit.KeyInvalid";
        }

        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > 300)
        {
            return "Edit.TitleRequired";
        }

        var inRange = input.TimeLimitMinutes is null or (>= 1 and <= 1440) && input.AttemptsAllowed is >= 0 and <= 100
            && input.PassPercent is >= 0 and <= 100 && input.QuestionsPerPage is >= 0 and <= 100 && input.DelayMinutes is >= 0 and <= 100_000
            && (input.Intro?.Length ?? 0) <= 20_000 && (input.Password?.Trim().Length ?? 0) <= QuizPassword.MaxLength;
        if (!inRange)
        {
            return "Edit.Range";
        }

        if (input.OpensLocal is { } opens && input.ClosesLocal is { } closes && closes <= opens)
        {
            return "Edit.ClosesBeforeOpens";
        }

        return OverallFeedback.Check(input.Bands);
    }

    private static void Apply(Quiz quiz, QuizSettingsInput input)
    {
        quiz.Title = input.Title.Trim();
        quiz.Intro = input.Intro?.Trim() ?? "";
        quiz.CourseSlug = string.IsNullOrWhiteSpace(input.CourseSlug) ? null : input.CourseSlug.Trim();
        quiz.TimeLimitSeconds = input.TimeLimitMinutes * 60;
        quiz.AttemptsAllowed = input.AttemptsAllowed;
        quiz.GradingMethod = input.GradingMethod;
        quiz.PassPercent = input.PassPercent;
        quiz.QuestionsPerPage = input.QuestionsPerPage;
        quiz.ShuffleQuestions = input.ShuffleQuestions;
        quiz.ShuffleOptions = input.ShuffleOptions;
        quiz.OpensUtc = ToUtc(input.OpensLocal);
        quiz.ClosesUtc = ToUtc(input.ClosesLocal);
        quiz.DelayBetweenAttemptsSeconds = input.DelayMinutes * 60;
        quiz.Password = string.IsNullOrWhiteSpace(input.Password) ? null : input.Password.Trim();
        quiz.ReviewDuring = ReviewItems.Answer; // answers are checked once submitted: during the attempt, only one's own answers
        quiz.ReviewImmediately = QuizSettingsInput.Combine(input.ReviewImmediately);
        quiz.ReviewLaterOpen = QuizSettingsInput.Combine(input.ReviewLaterOpen);
        quiz.ReviewAfterClose = QuizSettingsInput.Combine(input.ReviewAfterClose);
        quiz.OverallFeedback = OverallFeedback.Write(input.Bands);
    }

    private static DateTime? ToUtc(DateTime? local) =>
        local is { } value ? LocalTime.ToUtc(value) : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,98}[a-z0-9]$")]
    private static partial Regex KeyPattern();
}
