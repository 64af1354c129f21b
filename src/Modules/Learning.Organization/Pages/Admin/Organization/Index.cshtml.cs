using Learning.Modularity;
using Learning.Organization.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Organization.Pages.Admin.Organization;

[RequirePermission(Permissions.Names.ViewOrganization)]
public sealed class IndexModel(IOrganizationScopeService scopes, OrganizationTree tree) : PageModel
{
    public IReadOnlyList<OrgNode> Forest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        Forest = await tree.LoadAsync(scope, cancellationToken);
    }
}
