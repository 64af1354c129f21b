using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Learning.Modularity;

/// <summary>
/// Executes one kind of recipe step (its <see cref="StepName"/> is the step's <c>"name"</c>). Handlers run inside the
/// recipe's single transaction: throw <see cref="RecipeStepException"/> to abort the whole recipe with nothing changed.
/// </summary>
public interface IRecipeStepHandler
{
    string StepName { get; }

    Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken);
}

public sealed class RecipeStepContext(string recipeName, int index, JsonElement step, string? baseDirectory)
{
    public string RecipeName { get; } = recipeName;

    public int Index { get; } = index;

    public JsonElement Step { get; } = step;

    /// <summary>Folder the recipe file came from, for steps that reference files next to it; null for uploads.</summary>
    public string? BaseDirectory { get; } = baseDirectory;

    /// <summary>JSON path of this step inside the recipe, e.g. <c>$.steps[3]</c>.</summary>
    public string Path => $"$.steps[{Index}]";

    public string StepName => Step.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";

    public RecipeStepException Error(string relativePath, string message) =>
        new(StepName, Index, Path + relativePath, message);
}

/// <summary>A recipe that cannot run. Carries the step and the JSON path so the author can find the fault.</summary>
public sealed class RecipeStepException(string stepName, int stepIndex, string jsonPath, string message) : Exception(message)
{
    public string StepName { get; } = stepName;

    public int StepIndex { get; } = stepIndex;

    public string JsonPath { get; } = jsonPath;
}

public sealed record RecipeDescriptor(string Name, string DisplayName, string Description, string FilePath);

public sealed record RecipeResult(bool Succeeded, string RecipeName, int StepsExecuted, string? Error, string? StepName, string? JsonPath)
{
    public static RecipeResult Failed(string recipe, string error, string? step = null, string? path = null) =>
        new(false, recipe, 0, error, step, path);
}

public interface IRecipeRunner
{
    /// <summary>Runs every step in one transaction. Never throws for a bad recipe: the result says what was wrong.</summary>
    Task<RecipeResult> RunAsync(Stream json, string? baseDirectory, CancellationToken cancellationToken = default);

    Task<RecipeResult> RunFileAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Recipes shipped in <c>content-recipes/</c>.</summary>
    IReadOnlyList<RecipeDescriptor> ListRecipes();

    RecipeDescriptor? FindRecipe(string name);
}

public static class RecipeServiceCollectionExtensions
{
    public static IServiceCollection AddRecipeStep<THandler>(this IServiceCollection services)
        where THandler : class, IRecipeStepHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IRecipeStepHandler, THandler>());
        return services;
    }
}
