using System.Security.Claims;
using Learning.Courses.Services;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Courses.Pages.Learning;

[RequirePermission(Permissions.Names.Learn)]
public sealed class IndexModel(MyLearning myLearning) : PageModel
{
    public IReadOnlyList<MyCourse> Courses { get; private set; } = [];

    public IReadOnlyList<MyPath> Paths { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = User.RequiredUserId();
        (Courses, Paths) = await myLearning.LoadAsync(userId, cancellationToken);
    }
}
