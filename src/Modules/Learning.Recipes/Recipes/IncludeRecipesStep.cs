using Learning.Modularity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Learning.Recipes.Recipes;

/// <summary>
/// <c>{ "name": "recipes", "values": ["courses"] }</c>: runs other shipped recipes as part of this one (Orchard's "recipes" step),
/// inside the same transaction, so setup can compose the organisation, the accounts and the course catalogue.
/// </summary>
public sealed class IncludeRecipesStep(IServiceProvider services, IStringLocalizer<RecipesStrings> t) : IRecipeStepHandler
{
    private const int MaxDepth = 5;

    private static readonly AsyncLocal<int> Depth = new();

    public string StepName => "recipes";

    /// <summary>Each included recipe's steps are checked against the same person, so this step grants nothing by itself.</summary>
    public string? Permission => Permissions.Names.RunRecipes;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        // Resolved here, not injected: the runner is built from every step handler, this one included.
        var runner = services.GetRequiredService<IRecipeRunner>();
        var i = 0;
        foreach (var (item, path) in context.ArrayItems(context.Step, "values", "", t["Recipe.ValuesRequired"]).ToList())
        {
            var name = item.GetString() ?? "";
            var recipe = runner.FindRecipe(name) ?? throw context.Error($".values[{i}]", t["Recipe.FileMissing", name]);
            if (Depth.Value >= MaxDepth)
            {
                throw context.Error(path, t["Recipe.TooDeep", MaxDepth]);
            }

            Depth.Value++;
            RecipeResult result;
            try
            {
                result = await runner.RunFileAsync(recipe.FilePath, context.Options, cancellationToken);
            }
            finally
            {
                Depth.Value--;
            }

            if (!result.Succeeded)
            {
                throw context.Error($".values[{i}]", $"{result.RecipeName}: {result.Error} ({result.JsonPath})");
            }

            i++;
        }
    }
}
