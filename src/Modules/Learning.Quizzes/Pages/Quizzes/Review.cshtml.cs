using Learning.Modularity;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Quizzes.Pages.Quizzes;

/// <summary>A submitted attempt, showing only what the quiz's review options allow at this moment.</summary>
[RequirePermission(Permissions.Names.Take)]
public sealed class ReviewModel(AttemptService attempts, AttemptPages pages, QuizCatalog catalog) : PageModel
{
    public Attempt Attempt { get; private set; } = default!;

    public Quiz Quiz { get; private set; } = default!;

    public ReviewItems Show { get; private set; }

    public IReadOnlyList<QuestionView> Questions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var attempt = await attempts.FindAsync(id, User.RequiredUserId(), cancellationToken);
        if (attempt is null || await catalog.FindAsync(attempt.QuizId, cancellationToken) is not { } quiz)
        {
            return NotFound();
        }

        if (attempt.State == AttemptState.InProgress)
        {
            return Redirect($"/Quizzes/Attempt/{id}");
        }

        (Attempt, Quiz) = (attempt, quiz);
        Show = await attempts.ReviewItemsAsync(quiz, attempt, cancellationToken);
        Questions = Show.HasFlag(ReviewItems.Answer) ? await pages.QuestionsAsync(attempt, Show, cancellationToken) : [];
        return Page();
    }
}
