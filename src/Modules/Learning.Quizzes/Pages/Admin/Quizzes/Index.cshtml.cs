using Learning.Modularity;
using Learning.Organization;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Quizzes.Pages.Admin.Quizzes;

/// <summary>The quizzes with the figures of the attempts in the trainer's scope.</summary>
[RequirePermission(Permissions.Names.Grade)]
public sealed class IndexModel(QuizResults results, IOrganizationScopeService scopes) : PageModel
{
    public IReadOnlyList<QuizResults.QuizRow> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await results.QuizzesAsync(await scopes.GetScopeAsync(User, cancellationToken), cancellationToken);
}
