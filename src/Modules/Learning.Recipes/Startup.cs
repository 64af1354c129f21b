using Learning.Modularity;
using Learning.Recipes.Recipes;
using Learning.Recipes.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Learning.Recipes;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RecipeOptions>(RecipeOptions.Section);
        services.AddScoped<IRecipeRunner, RecipeRunner>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddRecipeStep<SettingsStep>();
        services.AddRecipeStep<IncludeRecipesStep>();
    }

    private sealed class AdminMenu(IStringLocalizer<RecipesStrings> t) : IAdminMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() => [new(t["Menu.Recipes"], "/Admin/Recipes", Permissions.RunRecipes, 90)];
    }
}
