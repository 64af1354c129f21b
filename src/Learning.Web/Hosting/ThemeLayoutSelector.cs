using Learning.Modularity;

namespace Learning.Web.Hosting;

/// <summary>Pages under /Admin wear the admin theme; the rest wear the site theme chosen in settings.</summary>
public sealed class ThemeLayoutSelector(ModuleCatalog catalog)
{
    public string LayoutFor(HttpContext context)
    {
        var site = context.Features.Get<SiteSnapshot>();
        var admin = context.Request.Path.StartsWithSegments("/Admin");
        var wanted = admin ? site?.AdminTheme : site?.SiteTheme;
        var theme = catalog.Themes.FirstOrDefault(t => t.Name == wanted && t.Manifest.IsAdmin == admin)
            ?? catalog.Themes.FirstOrDefault(t => t.Manifest.IsAdmin == admin)
            ?? throw new InvalidOperationException($"No {(admin ? "admin" : "site")} theme is installed.");
        return theme.Manifest.Layout;
    }
}
