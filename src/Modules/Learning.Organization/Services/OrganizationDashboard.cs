using System.Globalization;
using System.Security.Claims;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Organization.Services;

/// <summary>Dashboard figures for the viewer's scope: communes, cadres, newly transferred cadres, and cadres per commune.</summary>
internal sealed class OrganizationDashboard(IOrganizationScopeService scopes, LearningDbContext db, IStringLocalizer<OrganizationStrings> t) : IDashboardCardProvider
{
    public async Task<IEnumerable<DashboardCard>> GetCardsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.Has(Permissions.ViewCadres))
        {
            return [];
        }

        var scope = await scopes.GetScopeAsync(user, cancellationToken);
        var units = scope.Apply(db.Set<OrgUnit>().AsNoTracking());
        var cadres = scope.Apply(db.Set<Cadre>().AsNoTracking());
        var communes = await units.Where(u => u.Kind == OrgUnitKind.Commune || u.Kind == OrgUnitKind.Ward || u.Kind == OrgUnitKind.SpecialZone)
            .Select(u => new { u.Name, u.Path }).ToListAsync(cancellationToken);
        // One grouped query: cadres per unit path with the two flags counted; the sums and the per-commune bars come from it.
        var byPath = await cadres.GroupBy(c => c.OrgPath)
            .Select(g => new { Path = g.Key, Count = g.Count(), Transferred = g.Count(c => c.TransferredFrom != null), Accounting = g.Count(c => c.IsAccountingOfficer) })
            .ToListAsync(cancellationToken);
        var total = byPath.Sum(p => p.Count);
        var transferred = byPath.Sum(p => p.Transferred);
        var accounting = byPath.Sum(p => p.Accounting);
        var perCommune = communes
            .Select(c => new KeyValuePair<string, int>(c.Name, byPath.Where(p => p.Path.StartsWith(c.Path, StringComparison.Ordinal)).Sum(p => p.Count)))
            .Where(kv => kv.Value > 0)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(10)
            .ToList();

        string N(int n) => n.ToString("N0", CultureInfo.CurrentCulture);
        return
        [
            new(t["Dashboard.Communes"], N(communes.Count), "/Admin/Organization", 10),
            new(t["Dashboard.Cadres"], N(total), "/Admin/Organization/Cadres", 11, perCommune),
            new(t["Dashboard.Transferred"], N(transferred), null, 12),
            new(t["Dashboard.Accounting"], N(accounting), null, 13),
        ];
    }
}
