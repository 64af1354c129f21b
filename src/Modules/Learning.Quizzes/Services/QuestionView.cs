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

    /// <summary>The name its inputs carry; made once, not once per option written.</summary>
    public string InputName { get; } = "q" + Slot.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The options in the order shown, each with the name its input carries (<see cref="AnswerKeys"/>: never its id).</summary>
    public IReadOnlyList<(QuestionOption Option, string Key)> KeyedOptions() => Keyed(Question.Options, static o => o.Id);

    /// <summary>A matching question's answers in the order shown, each with the value its choice carries.</summary>
    public IReadOnlyList<(MatchPair Answer, string Key)> KeyedAnswers() => Keyed(Question.Pairs, static p => p.Id);

    /// <summary>A matching question's prompts, each with the name its choice carries.</summary>
    public IEnumerable<(MatchPair Prompt, string Key)> KeyedPrompts() =>
        AnswerKeys.Prompts(Question).Select((p, i) => (p, AnswerKeys.Of(i)));

    public bool IsChosen(string optionId) => Response?.Choices.Contains(optionId) == true;

    /// <summary>A response is saved for it (the page buttons and the summary count it as answered).</summary>
    public bool IsAnswered => Response is { IsEmpty: false };

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

    /// <summary>
    /// The items of this attempt's order, each named by its place in it (a place whose id the question lacks is skipped, its
    /// number kept). Plain loops: the attempt page asks this of every question it shows, and a search through LINQ made a
    /// delegate and a closure per item.
    /// </summary>
    private List<(T Item, string Key)> Keyed<T>(IReadOnlyList<T> items, Func<T, string> id)
        where T : class
    {
        var keyed = new List<(T Item, string Key)>(Order.Count);
        for (var i = 0; i < Order.Count; i++)
        {
            var wanted = Order[i];
            for (var j = 0; j < items.Count; j++)
            {
                if (id(items[j]) == wanted)
                {
                    keyed.Add((items[j], AnswerKeys.Of(i)));
                    break;
                }
            }
        }

        return keyed;
    }
}
