using Learning.Modularity;
using Learning.Quizzes.Components;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Pages.Quizzes;

/// <summary>A quiz on its own page (a province quiz outside a course), and where every start button posts.</summary>
[RequirePermission(Permissions.Names.Take)]
public sealed class QuizModel(QuizCatalog catalog, AttemptService attempts, QuizPlace places, AttemptPages pages, ComponentHtmlRenderer components, IAntiforgery antiforgery, IStringLocalizer<QuizzesStrings> t) : PageModel
{
    public Quiz? Quiz { get; private set; }

    public IHtmlContent? Card { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The attempt this request started, shown at once.</summary>
    public AttemptView? Started { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        Quiz = await catalog.FindAsync(key, cancellationToken);
        if (Quiz is null)
        {
            return NotFound();
        }

        await LoadCardAsync(Quiz, null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, string? place, string? password, CancellationToken cancellationToken)
    {
        var lesson = places.Unprotect(place, key, User.RequiredUserId());
        var outcome = await attempts.StartAsync(key, User.RequiredUserId(), lesson, password, cancellationToken);
        if (outcome is { Attempt: { } created, Created: true } && await catalog.FindAsync(created.QuizId, cancellationToken) is { } quiz)
        {
            // Just stored, questions and all: answered with the attempt itself, not a redirect to it (one round trip less on
            // a 2G phone, one request less per cadre at an exam's synchronised start). attempt.js puts the attempt's own
            // address in the location bar; without script a reload posts again and lands on this attempt (a resume).
            var show = await attempts.ReviewItemsAsync(quiz, created, cancellationToken);
            Started = new AttemptView(quiz, created, await pages.QuestionsAsync(created, show, cancellationToken), 0, null);
            return Page();
        }

        if (outcome.Attempt is { } attempt)
        {
            return Redirect($"/Quizzes/Attempt/{attempt.PublicId}");
        }

        Quiz = await catalog.FindAsync(key, cancellationToken);
        if (Quiz is null)
        {
            return NotFound();
        }

        Problem = t[outcome.Problem!.Key, [.. outcome.Problem.Args.Select(a => a is DateTime d ? LocalTime.Format(d) : a)]];
        await LoadCardAsync(Quiz, lesson, cancellationToken);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task LoadCardAsync(Quiz quiz, (int CourseId, string CourseSlug, string LessonKey)? lesson, CancellationToken cancellationToken)
    {
        var view = await pages.CardAsync(quiz, User.RequiredUserId(), lesson, antiforgery.GetAndStoreTokens(HttpContext), false, cancellationToken);
        Card = await components.RenderAsync<QuizCard>(new Dictionary<string, object?> { [nameof(QuizCard.View)] = view });
    }
}
