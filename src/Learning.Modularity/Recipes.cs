using System.Security.Claims;
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

    /// <summary>
    /// The permission a person needs to run this step (the system, that is setup and the command line, runs every step).
    /// Null, the default, means only an Administrator: a step that writes accounts, roles, scopes or the organisation, or
    /// that works outside one person's scope, must never be reachable by a lesser role through an upload.
    /// </summary>
    string? Permission => null;

    Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken);
}

public sealed class RecipeStepContext(string recipeName, int index, JsonElement step, string? baseDirectory, RecipeRunOptions? options = null, List<Action>? undo = null, List<string>? skipped = null)
{
    private readonly List<Action> undo = undo ?? [];
    private readonly List<string> skipped = skipped ?? [];

    /// <summary>Who runs the recipe and which steps it may hold; an included recipe runs with the same options.</summary>
    public RecipeRunOptions Options { get; } = options ?? RecipeRunOptions.System;

    public string RecipeName { get; } = recipeName;

    public int Index { get; } = index;

    public JsonElement Step { get; } = step;

    /// <summary>Folder the recipe file came from, for steps that reference files next to it; null for uploads.</summary>
    public string? BaseDirectory { get; } = baseDirectory;

    /// <summary>JSON path of this step inside the recipe, e.g. <c>$.steps[3]</c>.</summary>
    public string Path => $"$.steps[{Index}]";

    public string StepName => Step.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";

    /// <summary>
    /// Undoes, if the recipe's changes are rolled back, what a step did outside the database (files it wrote). Runs after the
    /// rollback, last registered first; a host killed mid-recipe runs nothing, so such files must also be findable by a sweep.
    /// </summary>
    public void OnRollback(Action action) => undo.Add(action);

    /// <summary>
    /// Records a part of the step left out because <paramref name="module"/> is switched off (a lesson of a kind only that
    /// module renders): the run's result lists it with the steps skipped, as "what (module)".
    /// </summary>
    public void Skip(string what, string module) => skipped.Add($"{what} ({module})");

    /// <summary>The shell's messages in the user's language (set by the recipe runner; English where a test builds a context).</summary>
    public Microsoft.Extensions.Localization.IStringLocalizer? Messages { get; init; }

    public RecipeStepException Error(string relativePath, string message) =>
        new(StepName, Index, Path + relativePath, message);

    /// <summary>A value of the wrong JSON kind, e.g. <c>"key": 123</c>: says what was expected and what was found, at its path.</summary>
    public RecipeStepException WrongType(string relativePath, string property, System.Text.Json.JsonValueKind expected, System.Text.Json.JsonValueKind found) =>
        Error(relativePath, Messages is { } t
            ? t["Recipe.WrongType", property, t["Recipe.Kind." + KindName(expected)], t["Recipe.Kind." + KindName(found)]]
            : $"\"{property}\" must be {KindName(expected).ToLowerInvariant()}, not {KindName(found).ToLowerInvariant()}.");

    private static string KindName(System.Text.Json.JsonValueKind kind) => kind switch
    {
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "Boolean",
        _ => kind.ToString(),
    };
}

/// <summary>A recipe that cannot run. Carries the step and the JSON path so the author can find the fault.</summary>
public sealed class RecipeStepException(string stepName, int stepIndex, string jsonPath, string message) : Exception(message)
{
    public string StepName { get; } = stepName;

    public int StepIndex { get; } = stepIndex;

    public string JsonPath { get; } = jsonPath;
}

public sealed record RecipeDescriptor(string Name, string DisplayName, string Description, string FilePath)
{
    /// <summary>
    /// The steps a run would skip on this site because their module is switched off, as "step (module)", the included
    /// recipes' too (<see cref="RecipeResult.Skipped"/> says the same after a run).
    /// </summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>Every step it would run, its included recipes' too, is skipped: running it would set up nothing here.</summary>
    public bool NothingToRun { get; init; }
}

public sealed record RecipeResult(bool Succeeded, string RecipeName, int StepsExecuted, string? Error, string? StepName, string? JsonPath)
{
    /// <summary>The steps left out because their module is switched off, as "step (module)", the included recipes' too.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    public static RecipeResult Failed(string recipe, string error, string? step = null, string? path = null) =>
        new(false, recipe, 0, error, step, path);
}

/// <summary>
/// Who runs a recipe, and what it may contain. <see cref="System"/> (setup, the command line) runs any step; a person
/// (<see cref="As"/>) runs only the steps whose <see cref="IRecipeStepHandler.Permission"/> they hold; <see cref="AllowedSteps"/>
/// narrows further (a course package carries course content only), and <see cref="StepsOnce"/> refuses a step named twice.
/// </summary>
public sealed record RecipeRunOptions(ClaimsPrincipal? Actor, IReadOnlySet<string>? AllowedSteps = null, bool StepsOnce = false)
{
    public static readonly RecipeRunOptions System = new((ClaimsPrincipal?)null);

    public static RecipeRunOptions As(ClaimsPrincipal user) => new(user);

    public bool IsSystem => Actor is null;

    /// <summary>Whether the actor may run <paramref name="handler"/>: the system always, an Administrator always, others by permission.</summary>
    public bool MayRun(IRecipeStepHandler handler) =>
        Actor is null || Actor.IsInRole(LearningRoles.Administrator) || (handler.Permission is { } permission && Actor.Has(permission));
}

public interface IRecipeRunner
{
    /// <summary>
    /// Runs every step in one transaction. Never throws for a bad recipe: the result says what was wrong. Before anything
    /// runs, every step is checked against <paramref name="options"/>; one step the actor may not run refuses the whole recipe.
    /// </summary>
    Task<RecipeResult> RunAsync(Stream json, string? baseDirectory, RecipeRunOptions options, CancellationToken cancellationToken = default);

    Task<RecipeResult> RunFileAsync(string path, RecipeRunOptions options, CancellationToken cancellationToken = default);

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
