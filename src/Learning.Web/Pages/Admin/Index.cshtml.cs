using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Learning.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Pages.Admin;

public sealed class IndexModel(IEnumerable<IDashboardCardProvider> providers, LearningDbContext db) : PageModel
{
    public IReadOnlyList<DashboardCard> Cards { get; private set; } = [];

    public IReadOnlyList<AuditEntry> RecentAudit { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var cards = new List<DashboardCard>();
        foreach (var provider in providers)
        {
            cards.AddRange(await provider.GetCardsAsync(User, cancellationToken));
        }

        Cards = cards.OrderBy(c => c.Order).ToList();
        if (User.Has(AdminPermissions.ViewAuditTrail))
        {
            RecentAudit = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Take(10).ToListAsync(cancellationToken);
        }
    }
}
