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

    public IEnumerable<QuestionOption> OrderedOptions =>
        Order.Select(id => Question.Options.FirstOrDefault(o => o.Id == id)).OfType<QuestionOption>();

    public IEnumerable<MatchPair> OrderedAnswers =>
        Order.Select(id => Question.Pairs.FirstOrDefault(p => p.Id == id)).OfType<MatchPair>();

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
