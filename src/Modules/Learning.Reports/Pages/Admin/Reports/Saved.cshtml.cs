using Learning.Data;
using Learning.Modularity;
using Learning.Reports.Data;
using Learning.Reports.Services.Completion;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Pages.Admin.Reports;

/// <summary>"My saved reports": only the owner's; saving normalises the filter (<see cref="ReportFilter.ToQueryString"/>).</summary>
[RequirePermission(Permissions.Names.Schedule)]
public sealed class SavedModel(LearningDbContext db, IAuditTrail audit, TimeProvider clock, IStringLocalizer<ReportsStrings> t) : PageModel
{
    public IReadOnlyList<SavedReport> Reports { get; private set; } = [];

    public string? Error { get; private set; }

    public bool JustSaved { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        JustSaved = saved;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(string? name, string? kind, string? query, CancellationToken ct)
    {
        name = name?.Trim();
        kind = SavedReportKinds.All.Contains(kind) ? kind! : null;
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            Error = t["Saved.BadName"];
        }
        else if (kind is null || (query?.Length ?? 0) > 2000)
        {
            Error = t["Saved.BadReport"];
        }
        else
        {
            var normalised = kind == SavedReportKinds.Completion ? ReportFilter.Parse(query ?? "").ToQueryString() : (query ?? "").TrimStart('?');
            db.Add(new SavedReport { OwnerUserId = User.UserId()!, Name = name, Kind = kind, Query = normalised, CreatedUtc = clock.GetUtcNow().UtcDateTime });
            audit.Record("reports.saved.created", name, kind + "?" + normalised);
            await db.SaveChangesAsync(ct);
            return Redirect("/Admin/Reports/Saved?saved=true");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var userId = User.UserId();
        var report = await db.Set<SavedReport>().SingleOrDefaultAsync(r => r.Id == id && r.OwnerUserId == userId, ct);
        if (report is null)
        {
            return NotFound();
        }

        db.Remove(report);
        audit.Record("reports.saved.deleted", report.Name);
        await db.SaveChangesAsync(ct);
        return Redirect("/Admin/Reports/Saved");
    }

    public static string Link(SavedReport r) => SavedReportKinds.PageOf(r.Kind) + (r.Query.Length > 0 ? "?" + r.Query : "");

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        Reports = await db.Set<SavedReport>().AsNoTracking().Where(r => r.OwnerUserId == userId).OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id).ToListAsync(ct);
    }
}
