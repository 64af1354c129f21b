using System.Text;
using Learning.Media.Services;
using Learning.Modularity;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Media.Pages.Help;

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
