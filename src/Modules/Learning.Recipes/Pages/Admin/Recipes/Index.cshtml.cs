using Learning.Modularity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Recipes.Pages.Admin.Recipes;

[RequirePermission(Permissions.Names.RunRecipes)]
public sealed class IndexModel(IRecipeRunner runner, IOptions<RecipeOptions> options, IStringLocalizer<RecipesStrings> t) : PageModel
{
    public IReadOnlyList<RecipeDescriptor> Recipes { get; private set; } = [];

    public RecipeResult? Result { get; private set; }

    public void OnGet() => Recipes = runner.ListRecipes();

    public async Task<IActionResult> OnPostRunAsync(string? name, CancellationToken cancellationToken)
    {
        var recipe = name is null ? null : runner.FindRecipe(name);
        Result = recipe is null
            ? RecipeResult.Failed(name ?? "?", t["Recipe.FileMissing", name ?? ""])
            : await runner.RunFileAsync(recipe.FilePath, RecipeRunOptions.As(User), cancellationToken);
        Recipes = runner.ListRecipes();
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Result = RecipeResult.Failed("?", t["Recipes.NoFile"]);
        }
        else if (file.Length > options.Value.MaxUploadBytes)
        {
            Result = RecipeResult.Failed(file.FileName, t["Recipes.TooLarge", options.Value.MaxUploadBytes / (1024 * 1024)]);
        }
        else
        {
            await using var stream = file.OpenReadStream();
            Result = await runner.RunAsync(stream, null, RecipeRunOptions.As(User), cancellationToken);
        }

        Recipes = runner.ListRecipes();
        return Page();
    }
}
