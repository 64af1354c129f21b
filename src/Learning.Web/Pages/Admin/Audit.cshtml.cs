using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Learning.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Pages.Admin;

[RequirePermission(AdminPermissions.Names.ViewAuditTrail)]
public sealed class AuditModel(LearningDbContext db) : PageModel
{
    private const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Who { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<AuditEntry> Items { get; private set; } = [];

    public bool HasMore { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Action))
        {
            query = query.Where(a => a.Action.StartsWith(Action.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(Who))
        {
            query = query.Where(a => a.UserName != null && a.UserName.Contains(Who.Trim()));
        }

        if (Before is { } before)
        {
            query = query.Where(a => a.Id < before);
        }

        var items = await query.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasMore = items.Count > PageSize;
        Items = items.Take(PageSize).ToList();
    }
}
