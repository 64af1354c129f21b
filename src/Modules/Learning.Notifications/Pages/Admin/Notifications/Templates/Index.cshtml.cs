using Learning.Modularity;
using Learning.Notifications.Services.Templates;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Notifications.Pages.Admin.Notifications.Templates;

/// <summary>Every notification type in every culture: the shipped template or an administrator's.</summary>
[RequirePermission(Permissions.Names.ManageTemplates)]
public sealed class IndexModel(TemplateStore store) : PageModel
{
    public IReadOnlyList<TemplateStore.Entry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Entries = await store.ListAsync(cancellationToken);
}
