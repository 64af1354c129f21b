using System.Security.Claims;
using System.Text;
using Learning.Media.Data;
using Learning.Media.Services;
using Learning.Modularity;
using Learning.Data;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

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

[RequirePermission(Permissions.Names.Help)]
public sealed class WatchModel(LearningDbContext db, PlayerRenderer player) : PageModel
{
    public Video? Item { get; private set; }

    public IHtmlContent Player { get; private set; } = HtmlString.Empty;

    public async Task<IActionResult> OnGetAsync(string id, double? t, CancellationToken cancellationToken)
    {
        Item = await db.Set<Video>().AsNoTracking().SingleOrDefaultAsync(v => v.PublicId == id && v.IsHelp, cancellationToken);
        if (Item is null)
        {
            return NotFound();
        }

        Player = await player.RenderAsync(Item, User.RequiredUserId(), new PlayerPlace(null, null, false, t is >= 0 ? t : null), cancellationToken);
        return Page();
    }
}

[RequirePermission(Permissions.Names.Help)]
public sealed class HotlinesModel(HotlineDirectory directory, PlayerRenderer player) : PageModel
{
    public IReadOnlyList<(string Field, IHtmlContent Lines)> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var lines = await directory.ForUserAsync(User.RequiredUserId(), null, cancellationToken);
        Groups = SupportFields.All
            .Select(f => (f, lines.Where(l => l.Field == f).ToList()))
            .Where(g => g.Item2.Count > 0)
            .Select(g =>
            {
                var html = new StringBuilder();
                player.AppendHotlines(html, g.Item2);
                return (g.f, (IHtmlContent)new HtmlString(html.ToString()));
            })
            .ToList();
    }
}
