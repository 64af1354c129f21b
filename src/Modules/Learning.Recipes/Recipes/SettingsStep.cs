using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Microsoft.Extensions.Localization;

namespace Learning.Recipes.Recipes;

/// <summary><c>{ "name": "settings", "siteName": "…", "theme": "Learning.Theme.Default" }</c>.</summary>
public sealed class SettingsStep(LearningDbContext db, ModuleCatalog catalog, IStringLocalizer<RecipesStrings> t) : IRecipeStepHandler
{
    public string StepName => "settings";

    public string? Permission => AdminArea.SettingsPermission;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        // Only these two: a misspelt or unknown setting is refused rather than reported as applied.
        foreach (var property in context.Step.EnumerateObject().Where(p => p.Name is not ("name" or "siteName" or "theme")))
        {
            throw context.Error("." + property.Name, t["Recipe.SettingUnknown", property.Name, "siteName, theme"]);
        }

        var settings = await db.SiteSettings.FindAsync([SiteSettings.SingletonId], cancellationToken);
        if (settings is null)
        {
            settings = new SiteSettings();
            db.SiteSettings.Add(settings);
        }

        if (context.OptionalString(context.Step, "siteName", "") is { Length: > 0 } siteName)
        {
            if (siteName.Length > 200)
            {
                throw context.Error(".siteName", t["Recipe.TooLong", 200]);
            }

            settings.SiteName = siteName;
        }

        if (context.OptionalString(context.Step, "theme", "") is { Length: > 0 } theme)
        {
            if (!catalog.Themes.Any(th => th.Name == theme && !th.Manifest.IsAdmin))
            {
                throw context.Error(".theme", t["Recipe.ThemeUnknown", theme, string.Join(", ", catalog.Themes.Where(th => !th.Manifest.IsAdmin).Select(th => th.Name))]);
            }

            settings.SiteTheme = theme;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
