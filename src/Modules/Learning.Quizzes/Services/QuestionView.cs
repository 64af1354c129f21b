using Learning.Quizzes.Data;

namespace Learning.Quizzes.Services;

/// <summary>
/// One question as a page shows it: the definition, the order drawn for this attempt, the saved response, and what the
/// review options allow (<see cref="Show"/>), and the question text as sanitized HTML (<see cref="TextHtml"/>). Pages render only what <see cref="Show"/> permits, so correct answers and
/// feedback never reach the browser before the quiz allows it.
/// </summary>
public sealed record QuestionView(
    int Slot,
    int Page,
    QuestionDefinition Question,
    IReadOnlyList<string> Order,
    QuestionResponse? Response,
    long Sequence,
    decimal Mark,
    decimal? Fraction,
    string? GraderComment,
    ReviewItems Show,
    string TextHtml)
{
    public bool Has(ReviewItems item) => (Show & item) == item;

    public string InputName => "q" + Slot;

    /// <summary>The options in the order shown, each with the name its input carries (<see cref="AnswerKeys"/>: never its id).</summary>
    public IEnumerable<(QuestionOption Option, string Key)> KeyedOptions()
    {
        for (var i = 0; i < Order.Count; i++)
        {
            if (Question.Options.FirstOrDefault(o => o.Id == Order[i]) is { } option)
            {
                yield return (option, AnswerKeys.Of(i));
            }
        }
    }

    /// <summary>A matching question's answers in the order shown, each with the value its choice carries.</summary>
    public IEnumerable<(MatchPair Answer, string Key)> KeyedAnswers()
    {
        for (var i = 0; i < Order.Count; i++)
        {
            if (Question.Pairs.FirstOrDefault(p => p.Id == Order[i]) is { } pair)
            {
                yield return (pair, AnswerKeys.Of(i));
            }
        }
    }

    /// <summary>A matching question's prompts, each with the name its choice carries.</summary>
    public IEnumerable<(MatchPair Prompt, string Key)> KeyedPrompts() =>
        AnswerKeys.Prompts(Question).Select((p, i) => (p, AnswerKeys.Of(i)));

    public bool IsChosen(string optionId) => Response?.Choices.Contains(optionId) == true;

    /// <summary>The ordering item's place in the saved answer (1-based), or in the order shown when not answered yet.</summary>
    public int PositionOf(string itemId)
    {
        var list = Response is { Choices.Count: > 0 } r ? r.Choices : Order;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == itemId)
            {
                return i + 1;
            }
        }

        return 0;
    }

    public string? MatchedAnswer(string promptId) =>
        Response is not null && Response.Matches.TryGetValue(promptId, out var answer) ? answer : null;
}
