using Learning.Data;
using Learning.Media.Data;
using Learning.Media.Services;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Media.Pages.Admin.Media;

[RequirePermission(Permissions.Names.Manage)]
public sealed class HotlinesModel(LearningDbContext db, ICadreDirectory directory, IOrganizationScopeService scopes, IAuditTrail audit, HotlineDirectory hotlines, IStringLocalizer<MediaStrings> t) : PageModel
{
    public IReadOnlyList<Hotline> Items { get; private set; } = [];

    public IReadOnlyList<OrgUnitRef> Units { get; private set; } = [];

    /// <summary>The unit (its code) whose part of the tree the unit list shows, when the scope has too many units for one list
    /// (ADR-032).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Near { get; set; }

    /// <summary>The units the form offers: all of them, or those around <see cref="Near"/>.</summary>
    public UnitChoices UnitChoices { get; private set; } = new([], false);

    public string? Error { get; private set; }

    /// <summary>Lines for everyone (no unit) are kept by people whose scope is the whole site; others keep their units' lines.</summary>
    public OrgScope Scope { get; private set; } = OrgScope.Nothing;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string? field, string? name, string? unit, string? phone, string? zalo, string? email, string? hours, CancellationToken cancellationToken)
    {
        if (!SupportFields.All.Contains(field) || string.IsNullOrWhiteSpace(name) || (string.IsNullOrWhiteSpace(phone) && string.IsNullOrWhiteSpace(zalo) && string.IsNullOrWhiteSpace(email)))
        {
            Error = t["Hotlines.Invalid"];
            await LoadAsync(cancellationToken);
            return Page();
        }

        if (!ContactFormats.IsPhone(Clean(phone)) || !ContactFormats.IsPhone(Clean(zalo)) || !ContactFormats.IsEmail(Clean(email)))
        {
            Error = t["Hotlines.ContactInvalid"];
            await LoadAsync(cancellationToken);
            return Page();
        }

        var line = new Hotline
        {
            Key = "ui-" + Guid.NewGuid().ToString("N")[..12],
            Field = field!,
            Name = name.Trim(),
            Phone = Clean(phone),
            Zalo = Clean(zalo),
            Email = Clean(email),
            Hours = Clean(hours),
            SortOrder = 1000,
        };
        Scope = await scopes.GetScopeAsync(User, cancellationToken);
        if (Clean(unit) is { } code)
        {
            if (await directory.FindUnitAsync(code, cancellationToken) is not { } found || !Scope.Contains(found.Path))
            {
                return NotFound();
            }

            line.OrgPath = found.Path;
            line.OrgName = found.Name;
        }
        else if (!Scope.Unrestricted)
        {
            Error = t["Hotlines.OutsideScope"];
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.Add(line);
        audit.Record("media.hotline.added", line.Key, $"{line.Field}: {line.Name}");
        await db.SaveChangesAsync(cancellationToken);
        hotlines.Forget();
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var line = await db.Set<Hotline>().SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        if (line is not null && (line.OrgPath is null ? !scope.Unrestricted : !scope.Contains(line.OrgPath)))
        {
            return NotFound();
        }

        if (line is not null)
        {
            db.Remove(line);
            audit.Record("media.hotline.deleted", line.Key, line.Name);
            await db.SaveChangesAsync(cancellationToken);
            hotlines.Forget();
        }

        return RedirectToPage();
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Scope = await scopes.GetScopeAsync(User, cancellationToken);
        // Lines for everyone are shown to all (read-only unless the scope is the whole site); a unit's lines only inside the scope.
        // (A province has tens of lines: filtered here rather than by a prefix match per scope path in SQL.)
        var lines = await db.Set<Hotline>().AsNoTracking().OrderBy(h => h.Field).ThenBy(h => h.SortOrder).ThenBy(h => h.Name).ToListAsync(cancellationToken);
        Items = lines.Where(h => h.OrgPath is null || Scope.Contains(h.OrgPath)).ToList();
        Units = (await directory.UnitsAsync(Scope, cancellationToken)).Where(u => !u.Kind.Equals("unit", StringComparison.OrdinalIgnoreCase)).ToList();
        UnitChoices = OrgUnitTree.Choices(Units, Units.FirstOrDefault(u => u.Code == Near)?.Path);
    }
}
