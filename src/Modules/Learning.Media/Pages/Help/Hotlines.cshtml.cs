using Learning.Media.Components;
using Learning.Media.Services;
using Learning.Modularity;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Media.Pages.Help;

[RequirePermission(Permissions.Names.Help)]
public sealed class HotlinesModel(HotlineDirectory directory, ComponentHtmlRenderer components) : PageModel
{
    public IReadOnlyList<(string Field, IHtmlContent Lines)> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var lines = await directory.ForUserAsync(User.RequiredUserId(), null, cancellationToken);
        var groups = new List<(string Field, IHtmlContent Lines)>();
        foreach (var field in SupportFields.All)
        {
            var ofField = lines.Where(l => l.Field == field).ToList();
            if (ofField.Count > 0)
            {
                groups.Add((field, await components.RenderAsync<HotlineList>(new Dictionary<string, object?> { [nameof(HotlineList.Lines)] = ofField })));
            }
        }

        Groups = groups;
    }
}
