using System.Text.Json;
using Learning.Modularity;
using Learning.Quizzes.Data;
using Learning.Quizzes.Endpoints;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Pages.Quizzes;

/// <summary>
/// An attempt in progress. Every page of questions is in the document (one shows at a time), so a cadre who loses the
/// connection can keep answering and turning pages; the script saves each change and keeps what is waiting in local storage.
/// Without the script, the page buttons post the form and the server saves the shown page.
/// </summary>
[RequirePermission(Permissions.Names.Take)]
public sealed class AttemptModel(AttemptService attempts, AttemptPages pages, QuizCatalog catalog, IStringLocalizer<QuizzesStrings> t) : PageModel
{
    public Attempt Attempt { get; private set; } = default!;

    public Quiz Quiz { get; private set; } = default!;

    public IReadOnlyList<QuestionView> Questions { get; private set; } = [];

    public int CurrentPage { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The summary before submitting, made on the server: "submit" without the script.</summary>
    public bool Summary { get; private set; }

    // The query's page: the route value "page" is Razor Pages' own (the page's path) and would be bound first.
    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "page")] int? page, bool summary, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } early)
        {
            return early;
        }

        CurrentPage = Math.Clamp(page ?? Attempt.CurrentPage, 0, Attempt.PageCount - 1);
        Summary = summary;
        return Page();
    }

    /// <summary>
    /// The no-script path: save the shown page, then show <paramref name="go"/>; or, from a question's flag button
    /// (<paramref name="flag"/>), flag or unflag it and stay on the page, scrolled to it; or, from "submit"
    /// (<paramref name="summary"/>), show the summary before submitting (Moodle's "Summary of attempt" page).
    /// </summary>
    public async Task<IActionResult> OnPostSaveAsync(Guid id, int page, int? go, int? flag, bool summary, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } early)
        {
            return early;
        }

        var answers = pages.ReadForm(Questions, page, name => Request.Form[name].OfType<string>().ToList());
        var target = flag is null ? go ?? page : page;
        var flags = flag is { } slot ? AttemptFlags.Toggle(Attempt.Flagged, slot) : null;
        var outcome = await attempts.SaveAsync(id, User.RequiredUserId(), target, answers, flags, cancellationToken);
        if (outcome?.Problem is { } problem)
        {
            Problem = t[problem.Key];
            CurrentPage = page;
            Response.StatusCode = problem.Key.StartsWith("Answer.", StringComparison.Ordinal) ? 400 : 409;
            return Page();
        }

        return Redirect(flag is { } flagged ? $"/Quizzes/Attempt/{id}?page={target}#question-{flagged}"
            : summary ? $"/Quizzes/Attempt/{id}?page={target}&summary=true#attempt-summary"
            : $"/Quizzes/Attempt/{id}?page={target}");
    }

    /// <summary>
    /// Submits with the shown page's answers and whatever the script still held (<paramref name="pending"/>). A second submit
    /// (double click, another tab, the back button) lands on the same review.
    /// </summary>
    public async Task<IActionResult> OnPostSubmitAsync(Guid id, int page, string? pending, string? flags, CancellationToken cancellationToken)
    {
        var attempt = await attempts.FindAsync(id, User.RequiredUserId(), cancellationToken);
        if (attempt is null)
        {
            return NotFound();
        }

        if (attempt.State == AttemptState.InProgress)
        {
            Attempt = attempt;
            Questions = await pages.QuestionsAsync(attempt, ReviewItems.Answer, cancellationToken);
            var answers = pages.ReadForm(Questions, page, name => Request.Form[name].OfType<string>().ToList()).ToDictionary(a => a.Slot);
            foreach (var waiting in Pending(pending))
            {
                if (!answers.TryGetValue(waiting.Slot, out var shown) || shown.Sequence < waiting.Sequence)
                {
                    answers[waiting.Slot] = waiting;
                }
            }

            await attempts.SubmitAsync(attempt, [.. answers.Values], Flags(flags), cancellationToken);
        }

        return Redirect($"/Quizzes/Review/{id}");
    }

    private static IEnumerable<AnswerInput> Pending(string? json) =>
        (FromJson<List<AnswerRequest>>(json, 1_000_000) ?? []).Where(a => a.Response is not null).Select(a => new AnswerInput(a.Slot, a.Seq, a.Response!.Normalized()));

    /// <summary>The flags the script still held unsent, as a JSON list of slots; empty or unreadable: as stored.</summary>
    private static List<int>? Flags(string? json) => FromJson<List<int>>(json, AttemptFlags.MaxLength);

    /// <summary>A field the script filled with JSON; null when empty, longer than <paramref name="maxLength"/> or unreadable.</summary>
    private static T? FromJson<T>(string? json, int maxLength)
        where T : class
    {
        if (string.IsNullOrEmpty(json) || json.Length > maxLength)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var attempt = await attempts.FindAsync(id, User.RequiredUserId(), cancellationToken);
        if (attempt is null || await catalog.FindAsync(attempt.QuizId, cancellationToken) is not { } quiz)
        {
            return NotFound();
        }

        if (attempt.State != AttemptState.InProgress)
        {
            return Redirect($"/Quizzes/Review/{id}");
        }

        (Attempt, Quiz) = (attempt, quiz);
        Questions = await pages.QuestionsAsync(attempt, await attempts.ReviewItemsAsync(quiz, attempt, cancellationToken), cancellationToken);
        return null;
    }
}
