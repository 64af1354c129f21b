using Learning.Media.Data;
using Learning.Media.Services;
using Learning.Modularity;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Media.Pages.Help;

[RequirePermission(Permissions.Names.Help)]
public sealed class WatchModel(HelpLibrary library, PlayerRenderer player) : PageModel
{
    public Video? Item { get; private set; }

    public IHtmlContent Player { get; private set; } = HtmlString.Empty;

    public async Task<IActionResult> OnGetAsync(string id, double? t, CancellationToken cancellationToken)
    {
        Item = await library.FindAsync(id, cancellationToken);
        if (Item is null)
        {
            return NotFound();
        }

        Player = await player.RenderAsync(Item, User.RequiredUserId(), new PlayerPlace(null, null, false, t is >= 0 ? t : null), cancellationToken);
        return Page();
    }
}
