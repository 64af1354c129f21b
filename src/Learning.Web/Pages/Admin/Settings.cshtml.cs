using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Learning.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Web.Pages.Admin;

[RequirePermission(AdminPermissions.Names.ManageSettings)]
public sealed class SettingsModel(LearningDbContext db, ModuleCatalog catalog, SiteState state, IAuditTrail audit, IStringLocalizer<WebStrings> t) : PageModel
{
    public string SiteName { get; private set; } = "";

    public string Theme { get; private set; } = "";

    public bool Saved { get; private set; }

    public string? Error { get; private set; }

    public IEnumerable<ThemeDescriptor> Themes => catalog.Themes.Where(th => !th.Manifest.IsAdmin);

    public IReadOnlyList<ModuleDescriptor> Modules => catalog.Modules;

    /// <summary>A manifest's text in the reader's language (<c>Module.{name}</c>, <c>Category.{name}</c>); a module that brings
    /// no translation yet shows its manifest's own words.</summary>
    public string Localized(string key, string manifestText) => t[key] is { ResourceNotFound: false } text ? text.Value : manifestText;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var settings = await db.SiteSettings.AsNoTracking().SingleAsync(s => s.Id == SiteSettings.SingletonId, cancellationToken);
        (SiteName, Theme) = (settings.SiteName, settings.SiteTheme);
    }

    public async Task<IActionResult> OnPostAsync(string? siteName, string? theme, CancellationToken cancellationToken)
    {
        var settings = await db.SiteSettings.SingleAsync(s => s.Id == SiteSettings.SingletonId, cancellationToken);
        (SiteName, Theme) = (siteName?.Trim() ?? "", theme ?? "");
        if (SiteName.Length is 0 or > 200)
        {
            Error = t["Setup.SiteNameRequired"];
            return Page();
        }

        if (!Themes.Any(th => th.Name == Theme))
        {
            Error = t["Settings.ThemeUnknown"];
            return Page();
        }

        audit.Record("settings.changed", "site", $"tên: {settings.SiteName} → {SiteName}; giao diện: {settings.SiteTheme} → {Theme}");
        settings.SiteName = SiteName;
        settings.SiteTheme = Theme;
        await db.SaveChangesAsync(cancellationToken);
        state.Invalidate();
        Saved = true;
        return Page();
    }
}
