using System.Text.Json;
using Learning.Data;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Recipes.Services;

/// <summary>
/// Parses a recipe, checks that every step has a handler, then runs the steps in order inside one database transaction.
/// Any failure rolls everything back: a recipe either applies whole or changes nothing.
/// </summary>
public sealed class RecipeRunner(
    LearningDbContext db,
    IEnumerable<IRecipeStepHandler> handlers,
    ModuleCatalog catalog,
    IAuditTrail audit,
    IOptions<RecipeOptions> options,
    IHostEnvironment environment,
    IStringLocalizer<RecipesStrings> t,
    IStringLocalizer<ShellStrings> shell,
    ILogger<RecipeRunner> logger) : IRecipeRunner
{
    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 };

    // The steps skipped in this run and in the recipes it includes (they run on this same scoped runner, one level deeper).
    private readonly List<string> skipped = [];
    private int depth;

    public async Task<RecipeResult> RunAsync(Stream json, string? baseDirectory, RecipeRunOptions options, CancellationToken cancellationToken = default)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(json, JsonOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            // System.Text.Json reports nesting past MaxDepth as a JsonException like any syntax error; say which it is.
            var message = ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? t["Recipe.NestedTooDeep", JsonOptions.MaxDepth, (ex.LineNumber ?? 0) + 1]
                : t["Recipe.Malformed", (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1];
            return RecipeResult.Failed("?", message, null, ex.Path ?? "$");
        }

        using (document)
        {
            if (depth == 0)
            {
                skipped.Clear();
            }

            depth++;
            try
            {
                var undo = new List<Action>();
                var (name, plan, refused) = PlanSteps(document.RootElement, baseDirectory, options, undo);
                if (refused is not null)
                {
                    return refused;
                }

                // Under the execution strategy: after a database blip the whole recipe runs again on a clean change tracker
                // (a transient error is not a recipe error, so it is not caught below but retried, and a 503 if it persists).
                var result = await db.RetryingAsync(ct => ExecuteAsync(name, plan, undo, ct), cancellationToken);
                return result.Succeeded ? result with { Skipped = [.. skipped.Distinct()] } : result;
            }
            finally
            {
                depth--;
            }
        }
    }

    /// <summary>
    /// Checks the recipe before anything runs: its name, and for each step a name, a handler, and the caller's right to run it.
    /// Returns the steps with their contexts, or why the recipe is refused.
    /// </summary>
    private (string Name, List<(IRecipeStepHandler Handler, RecipeStepContext Context)> Plan, RecipeResult? Refused) PlanSteps(
        JsonElement root, string? baseDirectory, RecipeRunOptions options, List<Action> undo)
    {
        var plan = new List<(IRecipeStepHandler Handler, RecipeStepContext Context)>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ("?", plan, RecipeResult.Failed("?", t["Recipe.NotObject"], null, "$"));
        }

        var name = root.OptionalString("name");
        if (string.IsNullOrEmpty(name))
        {
            return ("?", plan, RecipeResult.Failed("?", t["Recipe.NameMissing"], null, "$.name"));
        }

        if (!root.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
        {
            return (name, plan, RecipeResult.Failed(name, t["Recipe.StepsMissing"], null, "$.steps"));
        }

        var byName = handlers.ToDictionary(h => h.StepName, StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var step in steps.EnumerateArray())
        {
            var (handler, refused) = Resolve(name, step, index, byName, plan, options);
            if (refused is not null)
            {
                return (name, plan, refused);
            }

            if (handler is null)
            {
                index++; // a step of a module switched off (Resolve logged it): the next step keeps its own position
                continue;
            }

            plan.Add((handler!, new RecipeStepContext(name, index, step.Clone(), baseDirectory, options, undo, skipped) { Messages = shell }));
            index++;
        }

        return (name, plan, null);
    }

    /// <summary>The handler of one step, or why the step is refused (the JSON path names its <c>name</c>); neither for a step of a
    /// module switched off, which is skipped.</summary>
    private (IRecipeStepHandler? Handler, RecipeResult? Refused) Resolve(string recipe, JsonElement step, int index, Dictionary<string, IRecipeStepHandler> byName,
        List<(IRecipeStepHandler Handler, RecipeStepContext Context)> planned, RecipeRunOptions options)
    {
        var path = $"$.steps[{index}].name";
        var stepName = step.OptionalString("name");
        if (string.IsNullOrEmpty(stepName))
        {
            return (null, RecipeResult.Failed(recipe, t["Recipe.StepNameMissing", index + 1], null, path));
        }

        if (options.AllowedSteps is { } allowed && !allowed.Contains(stepName))
        {
            return (null, RecipeResult.Failed(recipe, t["Recipe.StepNotAllowed", stepName, string.Join(", ", allowed.Order())], stepName, path));
        }

        if (!byName.TryGetValue(stepName, out var handler))
        {
            if (SwitchedOff(stepName) is { } off)
            {
                // Its module is installed but switched off (Learning:Modules:Disabled): what it would set up has no use here.
                logger.LogWarning("Recipe {Recipe}: step {Step} skipped, its module {Module} is switched off", recipe, stepName, off);
                skipped.Add($"{stepName} ({off})");
                return (null, null);
            }

            return (null, RecipeResult.Failed(recipe, t["Recipe.StepUnknown", stepName, string.Join(", ", byName.Keys.Order())], stepName, path));
        }

        if (!options.MayRun(handler))
        {
            logger.LogWarning("Recipe {Recipe} refused: {User} may not run step {Step}", recipe, options.Actor?.Identity?.Name, stepName);
            return (null, RecipeResult.Failed(recipe, t["Recipe.StepForbidden", stepName], stepName, path));
        }

        if (options.StepsOnce && planned.Any(p => string.Equals(p.Handler.StepName, handler.StepName, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, RecipeResult.Failed(recipe, t["Recipe.StepTwice", stepName], stepName, path));
        }

        return (handler, null);
    }

    /// <summary>
    /// Runs the planned steps in one transaction (or under a savepoint of the caller's), saving after each; a step that fails
    /// rolls everything back, and what steps did outside the database is undone.
    /// </summary>
    private async Task<RecipeResult> ExecuteAsync(string name, List<(IRecipeStepHandler Handler, RecipeStepContext Context)> plan, List<Action> undo, CancellationToken ct)
    {
        var ownTransaction = db.Database.CurrentTransaction is null;
        var transaction = ownTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
        var savepoint = $"recipe_{Guid.NewGuid():N}";
        if (!ownTransaction)
        {
            await db.Database.CurrentTransaction!.CreateSavepointAsync(savepoint, ct);
        }

        var current = "";
        var committed = false;
        undo.Clear(); // a retried run registers its own
        try
        {
            foreach (var (handler, context) in plan)
            {
                current = context.StepName;
                await handler.ExecuteAsync(context, ct);
                await db.SaveChangesAsync(ct);
            }

            audit.Record("recipes.run", name, $"{plan.Count} bước: {string.Join(", ", plan.Select(p => p.Handler.StepName))}");
            await db.SaveChangesAsync(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }

            committed = true;
            logger.LogInformation("Recipe {Recipe} ran {Steps} steps", name, plan.Count);
            return new RecipeResult(true, name, plan.Count, null, null, null);
        }
        catch (RecipeStepException ex)
        {
            await RollBackAsync(transaction, savepoint);
            logger.LogWarning("Recipe {Recipe} failed at {Path}: {Message}", name, ex.JsonPath, ex.Message);
            return RecipeResult.Failed(name, ex.Message, ex.StepName, ex.JsonPath);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or FormatException or JsonException && !Transactions.IsTransient(ex))
        {
            await RollBackAsync(transaction, savepoint);
            logger.LogError(ex, "Recipe {Recipe} failed in step {Step}", name, current);
            return RecipeResult.Failed(name, t["Recipe.StepFailed", current, ex.GetBaseException().Message], current, null);
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            if (!committed)
            {
                Undo(undo);
            }
        }
    }

    public async Task<RecipeResult> RunFileAsync(string path, RecipeRunOptions options, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full) && RecipesFolder() is { } folder && File.Exists(Path.Combine(folder, path)))
        {
            full = Path.Combine(folder, path);
        }

        if (!File.Exists(full))
        {
            return RecipeResult.Failed(path, t["Recipe.FileMissing", path]);
        }

        await using var stream = File.OpenRead(full);
        return await RunAsync(stream, Path.GetDirectoryName(full), options, cancellationToken);
    }

    public IReadOnlyList<RecipeDescriptor> ListRecipes()
    {
        if (RecipesFolder() is not { } folder)
        {
            return [];
        }

        var list = new List<RecipeDescriptor>();
        var steps = new Dictionary<string, List<(string Step, IReadOnlyList<string> Includes)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(folder, "*.recipe.json").Order(StringComparer.Ordinal))
        {
            try
            {
                using var stream = File.OpenRead(file);
                using var doc = JsonDocument.Parse(stream, JsonOptions);
                var name = doc.RootElement.OptionalString("name") ?? Path.GetFileName(file);
                list.Add(new RecipeDescriptor(name, doc.RootElement.OptionalString("displayName") ?? name, doc.RootElement.OptionalString("description") ?? "", file));
                steps.TryAdd(name, StepNames(doc.RootElement));
            }
            catch (JsonException ex)
            {
                logger.LogWarning("Skipping malformed recipe {File}: {Message}", file, ex.Message);
            }
        }

        // What a run would skip on this site (its module switched off), the included recipes' steps too.
        for (var i = 0; i < list.Count; i++)
        {
            var (off, on) = (new List<string>(), 0);
            Walk(list[i].Name, []);
            list[i] = list[i] with { Skipped = [.. off.Distinct()], NothingToRun = off.Count > 0 && on == 0 };

            void Walk(string recipe, HashSet<string> seen)
            {
                if (!seen.Add(recipe) || !steps.TryGetValue(recipe, out var own))
                {
                    return;
                }

                foreach (var (step, includes) in own)
                {
                    if (includes.Count > 0)
                    {
                        foreach (var included in includes)
                        {
                            Walk(included, seen);
                        }
                    }
                    else if (SwitchedOff(step) is { } module)
                    {
                        off.Add($"{step} ({module})");
                    }
                    else
                    {
                        on++;
                    }
                }
            }
        }

        return list;
    }

    /// <summary>Each step's name, and for the step that includes other recipes, the recipes it names.</summary>
    private static List<(string Step, IReadOnlyList<string> Includes)> StepNames(JsonElement root)
    {
        var result = new List<(string, IReadOnlyList<string>)>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var step in steps.EnumerateArray())
        {
            var name = step.ValueKind == JsonValueKind.Object ? step.OptionalString("name") ?? "" : "";
            var includes = name == "recipes" && step.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array
                ? values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
                : [];
            result.Add((name, includes));
        }

        return result;
    }

    /// <summary>The switched-off module a step belongs to, if it does (<see cref="ModuleAttribute.RecipeSteps"/>).</summary>
    private string? SwitchedOff(string stepName) => catalog.SwitchedOffOwner(stepName, m => m.RecipeSteps);

    public RecipeDescriptor? FindRecipe(string name) =>
        ListRecipes().FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>What steps did outside the database, undone after a rollback (last first); an undo that fails is logged, not thrown.</summary>
    private void Undo(List<Action> actions)
    {
        for (var i = actions.Count - 1; i >= 0; i--)
        {
            try
            {
                actions[i]();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Undoing a rolled-back recipe's files failed; the media sweep removes them later");
            }
        }

        actions.Clear();
    }

    private async Task RollBackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction, string savepoint)
    {
        if (transaction is not null)
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        else if (db.Database.CurrentTransaction is { } outer)
        {
            await outer.RollbackToSavepointAsync(savepoint, CancellationToken.None);
        }

        db.ChangeTracker.Clear();
    }

    private string? RecipesFolder()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.Path))
        {
            return Directory.Exists(options.Value.Path) ? options.Value.Path : null;
        }

        foreach (var start in new[] { environment.ContentRootPath, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "content-recipes");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
