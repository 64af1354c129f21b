using System.Globalization;

namespace Learning.Quizzes.Services;

/// <summary>
/// How an attempt page names what a cadre can pick, so that its source says no more than the page shows. An option, a
/// matching answer and an ordering item are named by their place (1, 2, 3 …) in the order this attempt shows them (its
/// <c>OptionOrder</c>), and a matching prompt by its place among the prompts. Never by the option's id: ids are given in the
/// order the author wrote the options, so "a" is usually the right one, and a matching prompt's own pair id is its right
/// answer. The browser sends the places back; <see cref="ToIds"/> turns them into ids before anything is checked or stored.
/// </summary>
public static class AnswerKeys
{
    /// <summary>Not an id of any question: what a place that is not on the page becomes, refused by <see cref="QuestionGrader.Check"/>.</summary>
    private const string Unknown = "\0";

    /// <summary>The name of the thing shown at <paramref name="index"/> (0-based).</summary>
    public static string Of(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The attempt's order of a question's options (or matching answers), as stored on its row.</summary>
    public static IReadOnlyList<string> Order(string optionOrder) => optionOrder.Length == 0 ? [] : optionOrder.Split(',');

    /// <summary>The prompts of a matching question, in the order a page shows them.</summary>
    public static IEnumerable<MatchPair> Prompts(QuestionDefinition question) => question.Pairs.Where(p => p.Prompt.Length > 0);

    /// <summary>
    /// <paramref name="shown"/> (places, as the page sent them) in the question's ids, given the attempt's
    /// <paramref name="order"/> for it. A place that is not on the page becomes an id no question has, so the check refuses it.
    /// </summary>
    public static QuestionResponse ToIds(QuestionDefinition question, IReadOnlyList<string> order, QuestionResponse shown)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(shown);
        if (shown.Choices.Count == 0 && shown.Matches.Count == 0)
        {
            return shown;
        }

        List<string> prompts = shown.Matches.Count == 0 ? [] : [.. Prompts(question).Select(p => p.Id)];
        var matches = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (prompt, answer) in shown.Matches)
        {
            if (!matches.TryAdd(At(prompts, prompt), At(order, answer)))
            {
                return shown with { Choices = [], Matches = new Dictionary<string, string> { [Unknown] = Unknown } };
            }
        }

        return shown with { Choices = [.. shown.Choices.Select(c => At(order, c))], Matches = matches };
    }

    private static string At(IReadOnlyList<string> items, string key) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var place) && place >= 1 && place <= items.Count ? items[place - 1] : Unknown;
}
