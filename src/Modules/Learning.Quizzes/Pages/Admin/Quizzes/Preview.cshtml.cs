using Learning.Modularity;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Pages.Admin.Quizzes;

/// <summary>
/// A question as a cadre sees it (Moodle's "Preview"): its current version, its options shuffled as an attempt would draw
/// them, rendered by the attempt's own partial. The trainer may answer and check: the answer is graded by the attempt's
/// grader and shown with everything a review can show (right or wrong, marks, feedback, the right answer, the explanation).
/// Nothing is stored.
/// </summary>
[RequirePermission(Permissions.Names.Author)]
public sealed class PreviewModel(QuestionBank bank, QuizCatalog catalog, AttemptPages pages, IStringLocalizer<QuizzesStrings> t) : PageModel
{
    private int versionId;

    public int QuestionId { get; private set; }

    public string Name { get; private set; } = "";

    public int Version { get; private set; }

    public QuestionType Type { get; private set; }

    /// <summary>The order shown, carried by the form so the check reads the places the trainer saw.</summary>
    public string Order { get; private set; } = "";

    public QuestionView View { get; private set; } = null!;

    /// <summary>Set once an answer has been checked.</summary>
    public QuestionGrade? Grade { get; private set; }

    /// <summary>Why the answer could not be checked (a place the page did not show, an answer too long).</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, null, cancellationToken) is not { } definition)
        {
            return NotFound();
        }

        View = Shown(definition, null, null, ReviewItems.None);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? order, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, order, cancellationToken) is not { } definition)
        {
            return NotFound();
        }

        var unanswered = Shown(definition, null, null, ReviewItems.None);
        var shown = pages.ReadForm([unanswered], 0, name => Request.Form[name].OfType<string>().ToList()) is [var answer, ..]
            ? answer.Response
            : new QuestionResponse();
        var response = AnswerKeys.ToIds(definition, unanswered.Order, shown);
        if (QuestionGrader.Check(definition, response) is { } problem)
        {
            Problem = t[problem];
            View = unanswered;
            return Page();
        }

        Grade = QuestionGrader.Grade(definition, response);
        View = Shown(definition, response, Grade.Fraction is { } f ? (decimal)f : null, ReviewItems.All);
        return Page();
    }

    /// <summary>The question's current version; <see cref="Order"/> from the form when it is the same items, else drawn anew.</summary>
    private async Task<QuestionDefinition?> LoadAsync(int id, string? postedOrder, CancellationToken cancellationToken)
    {
        if (await bank.GetAsync(id, cancellationToken) is not { } found)
        {
            return null;
        }

        var definition = found.Definition;
        QuestionId = id;
        Name = found.Question.Name;
        Version = found.Version;
        Type = definition.Type;
        var drawn = AttemptLayout.OptionOrder(definition, quizShuffles: true, Random.Shared);
        Order = postedOrder is not null && SameItems(postedOrder, drawn) ? postedOrder : drawn;
        versionId = found.Question.CurrentVersionId;
        return definition;
    }

    private QuestionView Shown(QuestionDefinition definition, QuestionResponse? response, decimal? fraction, ReviewItems show) =>
        new(1, 0, definition, AnswerKeys.Order(Order), response, 0, (decimal)definition.DefaultMark, fraction, null, show, catalog.TextHtml(versionId, definition));

    private static bool SameItems(string a, string b) =>
        AnswerKeys.Order(a).Order(StringComparer.Ordinal).SequenceEqual(AnswerKeys.Order(b).Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
