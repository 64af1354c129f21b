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

    public async Task<IActionResult> OnPostAsync(string key, string? place, CancellationToken cancellationToken)
    {
        var lesson = places.Unprotect(place, key, User.RequiredUserId());
        var outcome = await attempts.StartAsync(key, User.RequiredUserId(), lesson, cancellationToken);
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
