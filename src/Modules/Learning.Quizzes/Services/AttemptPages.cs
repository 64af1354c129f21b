using System.Globalization;
using Learning.Quizzes.Data;
using Microsoft.AspNetCore.Antiforgery;

namespace Learning.Quizzes.Services;

/// <summary>Builds what the attempt and review pages show, and reads their forms back into answers.</summary>
public sealed class AttemptPages(QuizCatalog catalog, AttemptService attempts, QuizPlace places, TimeProvider clock)
{
    /// <summary>What a quiz shows a cadre before an attempt (on its lesson or its own page).</summary>
    public async Task<QuizCardView> CardAsync(Quiz quiz, string userId, (int CourseId, string CourseSlug, string LessonKey)? lesson, AntiforgeryTokenSet? tokens, bool isPreview, CancellationToken cancellationToken)
    {
        if (!isPreview)
        {
            // Waiting for the opening on this page: the cadre's attempt is drawn now, so "start" at the opening only starts it.
            await attempts.PrecreateAsync(quiz, userId, cancellationToken);
        }

        var mine = await attempts.AttemptsAsync(quiz, userId, cancellationToken);
        var rules = await attempts.AccommodationAsync(quiz, userId, cancellationToken);
        var last = mine.LastOrDefault(a => a.State != AttemptState.InProgress);
        var showMarks = last is null || (await attempts.ReviewItemsAsync(quiz, last, cancellationToken)).HasFlag(ReviewItems.Marks);
        return new QuizCardView(quiz, rules, mine, QuizGrading.Percent(quiz.GradingMethod, mine), showMarks, attempts.CheckStart(quiz, rules, mine),
            lesson is { } l ? places.Protect(l.CourseId, l.CourseSlug, l.LessonKey, quiz.Key, userId) : null, tokens?.FormFieldName, tokens?.RequestToken, isPreview);
    }

    public async Task<IReadOnlyList<QuestionView>> QuestionsAsync(Attempt attempt, ReviewItems show, CancellationToken cancellationToken)
    {
        var definitions = await catalog.DefinitionsAsync(attempt.Questions.Select(q => q.QuestionVersionId), cancellationToken);
        return [.. attempt.Questions.OrderBy(q => q.Slot).Select(q => new QuestionView(
            q.Slot,
            q.Page,
            definitions[q.QuestionVersionId],
            AnswerKeys.Order(q.OptionOrder),
            QuestionJson.DeserializeResponse(q.Response),
            q.Sequence,
            q.Mark,
            q.Fraction,
            q.GraderComment,
            show,
            catalog.TextHtml(q.QuestionVersionId, definitions[q.QuestionVersionId])))];
    }

    /// <summary>
    /// The answers a page's form carries (the no-script path, and the last answers sent with "submit"): only the questions of
    /// <paramref name="page"/>; each gets the server's clock in milliseconds as its sequence, so it wins over older saves.
    /// Options are named by place, as the page names them (<see cref="AnswerKeys"/>); the service reads them as ids.
    /// </summary>
    public IReadOnlyList<AnswerInput> ReadForm(IReadOnlyList<QuestionView> questions, int page, Func<string, IReadOnlyList<string>> field)
    {
        var sequence = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var answers = new List<AnswerInput>();
        // Only questions whose fields the form carries (a "shown" marker each): a post without them clears nothing.
        var shown = field("shown").ToHashSet();
        foreach (var q in questions.Where(q => q.Page == page && shown.Contains(q.Slot.ToString(CultureInfo.InvariantCulture))))
        {
            var response = q.Question.Type switch
            {
                QuestionType.SingleChoice or QuestionType.TrueFalse or QuestionType.MultipleChoice =>
                    new QuestionResponse { Choices = [.. field(q.InputName).Where(v => v.Length > 0)] },
                QuestionType.Matching => new QuestionResponse
                {
                    Matches = q.KeyedPrompts()
                        .Select(p => (p.Key, Answer: One(q.InputName + "." + p.Key) ?? ""))
                        .Where(m => m.Answer.Length > 0)
                        .ToDictionary(m => m.Key, m => m.Answer),
                },
                QuestionType.Ordering => new QuestionResponse
                {
                    Choices = [.. q.Order
                        .Select((_, index) => AnswerKeys.Of(index))
                        .Select((key, index) => (key, index, place: int.TryParse(One(q.InputName + "." + key), out var n) ? n : int.MaxValue))
                        .OrderBy(x => x.place).ThenBy(x => x.index).Select(x => x.key)],
                },
                _ => new QuestionResponse { Text = One(q.InputName) ?? "" },
            };
            answers.Add(new AnswerInput(q.Slot, sequence, response));
        }

        return answers;

        string? One(string name) => field(name) is { Count: > 0 } values ? values[0] : null;
    }
}
