using System.Globalization;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Pages.Admin.Reports;

/// <summary>
/// Yearly training-hour targets per position: one list for the whole site, so whoever reads the hours report may read it, and
/// only Reports.Targets (administrators, by default) may change it; a manager scoped to one commune must not move every
/// province's target. Audited.
/// </summary>
[RequirePermission(Permissions.Names.View)]
public sealed class TargetsModel(LearningDbContext db, ICadreDirectory directory, IAuditTrail audit, TimeProvider clock, IStringLocalizer<ReportsStrings> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<HourTarget> Targets { get; private set; } = [];

    public IReadOnlyList<string> Positions { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Saved { get; private set; }

    public bool CanEdit => User.Has(Permissions.Targets);

    public async Task OnGetAsync(string? saved, CancellationToken ct)
    {
        Saved = saved;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(string? position, string? hours, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var year = Year ?? 0;
        position = position?.Trim();
        if (year is < 2000 or > 2100)
        {
            Error = t["Targets.BadYear"];
        }
        else if (string.IsNullOrEmpty(position) || position.Length > 200)
        {
            Error = t["Targets.BadPosition"];
        }
        else if (!decimal.TryParse(hours?.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 10000)
        {
            Error = t["Targets.BadHours"];
        }
        else
        {
            var target = await db.Set<HourTarget>().SingleOrDefaultAsync(x => x.Year == year && x.Position == position, ct);
            if (target is null)
            {
                target = new HourTarget { Year = year, Position = position };
                db.Add(target);
            }

            target.Hours = Math.Round(value, 2);
            target.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
            target.UpdatedBy = User.Identity?.Name;
            audit.Record("reports.hour-target.saved", $"{year} {position}", target.Hours.ToString(CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(ct);
            return Redirect($"/Admin/Reports/Targets?year={year}&saved=1");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var target = await db.Set<HourTarget>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (target is null)
        {
            return NotFound();
        }

        db.Remove(target);
        audit.Record("reports.hour-target.deleted", $"{target.Year} {target.Position}");
        await db.SaveChangesAsync(ct);
        return Redirect($"/Admin/Reports/Targets?year={target.Year}&saved=1");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Year ??= LocalTime.ToLocal(clock.GetUtcNow().UtcDateTime).Year;
        var year = Year.Value;
        Targets = await db.Set<HourTarget>().AsNoTracking().Where(x => x.Year == year).OrderBy(x => x.Position).ToListAsync(ct);
        Positions = await directory.PositionsAsync(ct);
    }
}
