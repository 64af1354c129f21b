using Learning.Data;
using Learning.Modularity;
using Learning.Organization.Data;
using Learning.Organization.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Organization.Pages.Admin.Organization.Cadres;

[RequirePermission(Permissions.Names.ViewCadres)]
public sealed class IndexModel(IOrganizationScopeService scopes, OrganizationTree tree, LearningDbContext db) : PageModel
{
    private const int PageSize = 50;

    public sealed record Row(int Id, string FullName, string Position, string UnitName, string? CommuneName, string? Phone, DateOnly? JoinedCommuneOn, string? TransferredFrom, bool IsAccountingOfficer);

    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }

    public int Pages { get; private set; }

    public IReadOnlyList<OrgUnit> Communes { get; private set; } = [];

    public IReadOnlyList<Row> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        Communes = await tree.CommunesAsync(scope, cancellationToken);
        var query = scope.Apply(db.Set<Cadre>().AsNoTracking());
        if (Unit is { } unitId)
        {
            var path = await scope.Apply(db.Set<OrgUnit>()).Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(cancellationToken);
            if (path is null)
            {
                return NotFound();
            }

            query = query.Where(c => c.OrgPath.StartsWith(path));
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Folded on both sides, so marks and case never matter, on SQLite as on PostgreSQL.
            var q = Learning.Modularity.SearchText.Fold(Q);
            query = query.Where(c => c.SearchText!.Contains(q));
        }

        Total = await query.CountAsync(cancellationToken);
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = await query.OrderBy(c => c.FullName).ThenBy(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.FullName, c.Position, c.Unit!.Name, c.Unit.Parent != null ? c.Unit.Parent.Name : null, c.Phone, c.JoinedCommuneOn, c.TransferredFrom, c.IsAccountingOfficer))
            .ToListAsync(cancellationToken);
        return Page();
    }
}
