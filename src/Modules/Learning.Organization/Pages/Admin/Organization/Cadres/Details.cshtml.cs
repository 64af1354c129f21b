using Learning.Data;
using Learning.Modularity;
using Learning.Organization.Data;
using Learning.Organization.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Organization.Pages.Admin.Organization.Cadres;

[RequirePermission(Permissions.Names.ViewCadres)]
public sealed class DetailsModel(IOrganizationScopeService scopes, LearningDbContext db) : PageModel
{
    public Cadre? Cadre { get; private set; }

    public string? CommuneName { get; private set; }

    public string? ProvinceName { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);

        // Out of scope and missing look the same: a 404 tells a manager nothing about other communes.
        Cadre = await scope.Apply(db.Set<Cadre>().AsNoTracking()).Include(c => c.Unit).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Cadre is null)
        {
            return NotFound();
        }

        var ids = Cadre.OrgPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        var path = await db.Set<OrgUnit>().AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        ProvinceName = path.FirstOrDefault(u => u.Kind == OrgUnitKind.Province)?.Name;
        CommuneName = path.FirstOrDefault(u => u.IsCommuneLevel)?.Name;
        return Page();
    }
}
