using Learning.Modularity;
using Learning.Organization;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Quizzes.Pages.Admin.Quizzes;

/// <summary>The grading queue: the essays waiting for a trainer, across every quiz, within the trainer's scope.</summary>
[RequirePermission(Permissions.Names.Grade)]
public sealed class GradingModel(QuizResults results, IOrganizationScopeService scopes) : PageModel
{
    public IReadOnlyList<QuizResults.WaitingRow> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await results.WaitingAsync(await scopes.GetScopeAsync(User, cancellationToken), cancellationToken);
}
