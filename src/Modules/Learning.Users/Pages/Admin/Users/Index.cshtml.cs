using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Users.Pages.Admin.Users;

[RequirePermission(Permissions.Names.ManageUsers)]
public sealed class IndexModel(LearningDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool Locked, bool HasPassword);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Row> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Folded on both sides: "le van minh", "Lê Văn Minh" and "LÊ VĂN" find the same accounts on both databases.
            var q = Learning.Modularity.SearchText.Fold(Q);
            query = query.Where(u => u.SearchText!.Contains(q));
        }

        var users = await query.OrderBy(u => u.Email).Take(500)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd, HasPassword = u.PasswordHash != null })
            .ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        Items = users.Select(u => new Row(u.Id, u.Email ?? "", u.DisplayName, byUser[u.Id].Order().ToList(), u.LockoutEnd > now, u.HasPassword)).ToList();
    }
}
