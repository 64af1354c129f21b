using System.Security.Claims;
using System.Text.Json;
using Learning.Data;
using Learning.Modularity;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Recipes;

/// <summary>
/// <c>{ "name": "questionBank", "categories": [ { "name", "course"?, "info"?, "categories"?: [ … ], "questions"?: [ { "key", "type", "text", … } ] } ] }</c>.
/// Categories are matched by their path (course, parents, name) and questions by key, so running the recipe again changes
/// nothing. A changed question gets a new version when an attempt used its current one (the attempt keeps what the cadre
/// saw); otherwise the current version is corrected in place. Questions the recipe does not name are left as they are.
/// </summary>
public sealed class QuestionBankStep(LearningDbContext db, QuizCatalog catalog, IStringLocalizer<QuizzesStrings> t, TimeProvider clock) : IRecipeStepHandler
{
    public string StepName => "questionBank";

    public string? Permission => Permissions.Names.Author;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        RecipeShape.RefuseUnknown(context, t, context.Step, "", ["name", "categories"]);
        var run = new Run(context, new QuestionRecipeReader(context, t), [], context.Options.Actor?.FindFirstValue(ClaimTypes.NameIdentifier), clock.GetUtcNow().UtcDateTime);
        await UpsertCategoriesAsync(run, context.Step, "", null, cancellationToken);
    }

    private async Task UpsertCategoriesAsync(Run run, JsonElement parentItem, string parentPath, QuestionCategory? parent, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, path) in run.Context.ArrayItems(parentItem, "categories", parentPath, t["Recipe.CategoriesRequired"]).ToList())
        {
            RecipeShape.RefuseUnknown(run.Context, t, item, path, ["name", "course", "info", "categories", "questions"]);
            var name = RecipeShape.RequiredText(run.Context, t, item, "name", path, 200, t["Recipe.CategoryNameRequired"]);
            if (name.Contains('/', StringComparison.Ordinal))
            {
                throw run.Context.Error(path + ".name", t["Recipe.CategoryNameSlash", name]); // quizzes name categories by path
            }

            if (!names.Add(name))
            {
                throw run.Context.Error(path + ".name", t["Recipe.CategoryTwice", name]);
            }

            var course = RecipeShape.OptionalCourse(run.Context, t, item, path);
            if (parent is not null && course is not null && course != parent.CourseSlug)
            {
                throw run.Context.Error(path + ".course", t["Recipe.CourseNested", course, parent.CourseSlug ?? "—"]);
            }

            var category = await UpsertCategoryAsync(run, item, path, parent, parent is null ? course : parent.CourseSlug, name, cancellationToken);
            if (RecipeShape.Has(item, "questions"))
            {
                await UpsertQuestionsAsync(run, item, path, category, cancellationToken);
            }

            if (RecipeShape.Has(item, "categories"))
            {
                await UpsertCategoriesAsync(run, item, path, category, cancellationToken);
            }
        }
    }

    private async Task<QuestionCategory> UpsertCategoryAsync(Run run, JsonElement item, string path, QuestionCategory? parent, string? course, string name, CancellationToken cancellationToken)
    {
        var parentId = parent?.Id;
        var category = await db.Set<QuestionCategory>()
            .Where(c => c.CourseSlug == course && c.ParentId == parentId && c.Name == name)
            .OrderBy(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (category is null)
        {
            category = new QuestionCategory { ParentId = parentId, CourseSlug = course, Name = name, CreatedUtc = run.Now };
            db.Add(category);
        }

        category.Info = RecipeShape.OptionalText(run.Context, t, item, "info", path, 2000) ?? "";
        await db.SaveChangesAsync(cancellationToken);
        return category;
    }

    /// <summary>One category's questions, in three saves whatever their number (setup runs this on every new site).</summary>
    private async Task UpsertQuestionsAsync(Run run, JsonElement item, string path, QuestionCategory category, CancellationToken cancellationToken)
    {
        var read = new List<(string Key, QuestionDefinition Definition, string Json)>();
        foreach (var (questionItem, questionPath) in run.Context.ArrayItems(item, "questions", path, t["Recipe.QuestionsRequired"]).ToList())
        {
            var (key, definition) = run.Reader.Read(questionItem, questionPath);
            if (!run.Keys.Add(key))
            {
                throw run.Context.Error(questionPath + ".key", t["Recipe.KeyTwice", key]);
            }

            read.Add((key, definition, QuestionJson.Serialize(definition)));
        }

        var keys = read.Select(r => r.Key).ToList();
        var existing = await db.Set<Question>().Where(q => keys.Contains(q.Key)).ToDictionaryAsync(q => q.Key, StringComparer.Ordinal, cancellationToken);
        var currentIds = existing.Values.Select(q => q.CurrentVersionId).ToList();
        var current = await db.Set<QuestionVersion>().Where(v => currentIds.Contains(v.Id)).ToDictionaryAsync(v => v.QuestionId, cancellationToken);
        var used = await AttemptDraw.UsedVersionsAsync(db, currentIds, cancellationToken);

        var fresh = new List<(Question Question, QuestionVersion Version)>();
        foreach (var (key, definition, json) in read)
        {
            if (!existing.TryGetValue(key, out var question))
            {
                question = new Question { Key = key, CreatedUtc = run.Now };
                db.Add(question);
            }

            var changed = Describe(question, category, definition);
            var version = question.Id == 0 ? null : current.GetValueOrDefault(question.Id);
            if (version is null || Normalized(version.Definition) != json)
            {
                if (version is not null && !used.Contains(version.Id))
                {
                    version.Definition = json;
                    catalog.ForgetVersion(version.Id);
                }
                else
                {
                    fresh.Add((question, new QuestionVersion { Definition = json, CreatedUtc = run.Now, CreatedBy = run.Actor }));
                }

                changed = true;
            }

            if (changed)
            {
                question.UpdatedUtc = run.Now;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await AddVersionsAsync(fresh, cancellationToken);
    }

    /// <summary>New versions numbered after the question's last, then made current (the question's id exists only after the first save).</summary>
    private async Task AddVersionsAsync(List<(Question Question, QuestionVersion Version)> fresh, CancellationToken cancellationToken)
    {
        if (fresh.Count == 0)
        {
            return;
        }

        var ids = fresh.Select(f => f.Question.Id).ToList();
        var numbers = await db.Set<QuestionVersion>().Where(v => ids.Contains(v.QuestionId)).GroupBy(v => v.QuestionId)
            .Select(g => new { g.Key, Last = g.Max(v => v.Number) }).ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);
        foreach (var (question, version) in fresh)
        {
            version.QuestionId = question.Id;
            version.Number = numbers.GetValueOrDefault(question.Id) + 1;
            db.Add(version);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (question, version) in fresh)
        {
            question.CurrentVersionId = version.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Copies what lists and search read from the definition; true when any of it changed.</summary>
    private static bool Describe(Question question, QuestionCategory category, QuestionDefinition definition)
    {
        var searchText = SearchText.Fold(definition.Name + " " + definition.Text);
        searchText = searchText.Length <= 2000 ? searchText : searchText[..2000];
        var changed = question.CategoryId != category.Id || question.Name != definition.Name || question.Type != definition.Type.ToString()
            || question.SearchText != searchText || question.Archived;
        question.CategoryId = category.Id;
        question.Name = definition.Name;
        question.Type = definition.Type.ToString();
        question.SearchText = searchText;
        question.Archived = false;
        return changed;
    }

    /// <summary>A stored definition in today's serialization, so one written by another path (an import) still compares equal.</summary>
    private static string Normalized(string stored)
    {
        try
        {
            return QuestionJson.Serialize(QuestionJson.Deserialize(stored));
        }
        catch (JsonException)
        {
            return stored;
        }
    }

    private sealed record Run(RecipeStepContext Context, QuestionRecipeReader Reader, HashSet<string> Keys, string? Actor, DateTime Now);
}
