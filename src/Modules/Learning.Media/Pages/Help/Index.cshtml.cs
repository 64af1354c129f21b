using Learning.Media.Services;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Media.Pages.Help;

[RequirePermission(Permissions.Names.Help)]
public sealed class IndexModel(HelpLibrary library) : PageModel
{
    public IReadOnlyList<HelpHit> Hits { get; private set; } = [];

    public string? Query { get; private set; }

    public string? Field { get; private set; }

    public async Task OnGetAsync(string? q, string? field, CancellationToken cancellationToken)
    {
        Query = q;
        Field = SupportFields.All.Contains(field) ? field : null;
        Hits = await library.SearchAsync(q, Field, cancellationToken);
    }
}
