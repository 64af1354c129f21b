using System.Globalization;
using System.Text.Json;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Learning.Courses.Recipes;

/// <summary>
/// <c>{ "name": "courses", "courses": [ { "slug", "title", "modules": [ { "key", "title", "lessons": [ { "key", "title", "kind", … } ] } ] } ] }</c>.
/// Upserts by slug and keys; the recipe is the draft's source of truth (modules and lessons it no longer names are removed
/// from the draft; progress on them is kept). <c>"publish": true</c> publishes a new version when the draft changed.
/// </summary>
public sealed class CoursesStep(
    LearningDbContext db,
    CoursePublisher publisher,
    CourseFiles files,
    IAuditTrail audit,
    IStringLocalizer<CoursesStrings> t,
    TimeProvider clock,
    LessonKindCatalog kinds,
    ModuleCatalog modules,
    ILogger<CoursesStep> logger) : IRecipeStepHandler
{
    public string StepName => "courses";

    public string? Permission => Permissions.Names.Author;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        foreach (var (item, path) in context.ArrayItems(context.Step, "courses", "", t["Recipe.CoursesRequired"]).ToList())
        {
            var slug = context.RequiredString(item, "slug", path, t["Recipe.SlugRequired"]);
            if (CourseAuthoring.Slugify(slug) != slug)
            {
                throw context.Error(path + ".slug", t["Recipe.SlugInvalid", slug]);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var course = await db.Set<Course>().Include(c => c.Modules).ThenInclude(m => m.Lessons).SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);
            var isNew = course is null;
            course ??= new Course { Slug = slug, CreatedUtc = now };
            var before = Fingerprint(course);

            await ReadSettingsAsync(context, item, path, course, cancellationToken);
            if (isNew)
            {
                db.Add(course);
                await db.SaveChangesAsync(cancellationToken);
            }

            await UpsertModulesAsync(context, item, path, course, cancellationToken);
            var changed = isNew || Fingerprint(course) != before;
            if (changed)
            {
                course.DraftUpdatedUtc = now;
            }

            await db.SaveChangesAsync(cancellationToken);

            if (item.OptionalBool("publish") && (changed || course.PublishedVersion == 0 || !course.IsPublished))
            {
                var result = await publisher.PublishAsync(course.Id, context.RecipeName, cancellationToken);
                if (!result.Succeeded)
                {
                    throw context.Error(path, t["Recipe.PublishFailed", slug, string.Join(" ", result.Errors)]);
                }
            }

            audit.Record(isNew ? "courses.imported" : "courses.updated", slug, context.RecipeName);
        }
    }

    /// <summary>The course's own fields (title, summary, topic, dates, prerequisite…) from its recipe entry.</summary>
    private async Task ReadSettingsAsync(RecipeStepContext context, JsonElement item, string path, Course course, CancellationToken cancellationToken)
    {
        course.Title = context.RequiredString(item, "title", path, t["Recipe.TitleRequired"]);
        course.Summary = item.OptionalString("summary") ?? "";
        var topic = item.OptionalString("topic") ?? CourseTopics.All[0];
        if (!CourseTopics.All.Contains(topic))
        {
            throw context.Error(path + ".topic", t["Recipe.TopicUnknown", topic, string.Join(", ", CourseTopics.All)]);
        }

        course.Topic = topic;
        course.Language = item.OptionalString("language") ?? "vi";
        course.SelfEnrol = !item.TryGetProperty("selfEnrol", out var selfEnrol) || selfEnrol.ValueKind != JsonValueKind.False;
        course.Sequential = item.OptionalBool("sequential");
        course.EstimatedHours = item.TryGetProperty("estimatedHours", out var hours) && hours.ValueKind == JsonValueKind.Number ? hours.GetDecimal() : 0;
        course.Audience = item.TryGetProperty("audience", out var audience) && audience.ValueKind == JsonValueKind.Array
            ? string.Join('\n', audience.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!.Trim()))
            : "";
        course.OpensUtc = ParseDate(context, item, "opens", path);
        course.ClosesUtc = ParseDate(context, item, "closes", path);
        if (item.OptionalString("prerequisite") is { } prerequisiteSlug)
        {
            var prerequisite = await db.Set<Course>().Where(c => c.Slug == prerequisiteSlug).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken)
                ?? throw context.Error(path + ".prerequisite", t["Recipe.CourseUnknown", prerequisiteSlug]);
            course.PrerequisiteCourseId = prerequisite;
        }
    }

    /// <summary>
    /// The draft's modules and lessons as the recipe names them, in its order; a key named twice is refused, and modules and
    /// lessons it no longer names are removed from the draft.
    /// </summary>
    private async Task UpsertModulesAsync(RecipeStepContext context, JsonElement item, string path, Course course, CancellationToken cancellationToken)
    {
        var keptModules = new HashSet<string>();
        var keptLessons = new HashSet<string>();
        var position = 0;
        foreach (var (moduleItem, modulePath) in context.ArrayItems(item, "modules", path, t["Recipe.ModulesRequired"]).ToList())
        {
            var key = context.RequiredString(moduleItem, "key", modulePath, t["Recipe.KeyRequired"]);
            if (!keptModules.Add(key))
            {
                throw context.Error(modulePath + ".key", t["Recipe.KeyDuplicate", key]);
            }

            var module = course.Modules.SingleOrDefault(m => m.Key == key);
            if (module is null)
            {
                module = new CourseModule { Key = key, CourseId = course.Id };
                course.Modules.Add(module);
            }

            module.Title = context.RequiredString(moduleItem, "title", modulePath, t["Recipe.TitleRequired"]);
            module.Position = ++position;

            var lessonPosition = 0;
            foreach (var (lessonItem, lessonPath) in context.ArrayItems(moduleItem, "lessons", modulePath, t["Recipe.LessonsRequired"]).ToList())
            {
                var lessonKey = context.RequiredString(lessonItem, "key", lessonPath, t["Recipe.KeyRequired"]);
                if (!keptLessons.Add(lessonKey))
                {
                    throw context.Error(lessonPath + ".key", t["Recipe.KeyDuplicate", lessonKey]);
                }

                // A lesson of a kind only a switched-off module renders (a quiz without the quizzes module): a new one is left out
                // and said so; one already there keeps its place and what it holds, for when the module is on again.
                var kind = lessonItem.OptionalString("kind") ?? LessonKinds.Article;
                if (!kinds.IsOffered(kind) && modules.SwitchedOffOwner(kind, m => m.LessonKinds) is { } off)
                {
                    logger.LogWarning("Recipe {Recipe}: lesson {Lesson} of course {Course} skipped, its kind {Kind} belongs to module {Module}, switched off",
                        context.RecipeName, lessonKey, course.Slug, kind, off);
                    context.Skip(t["Recipe.LessonSkipped", lessonKey], off);
                    if (course.Modules.SelectMany(m => m.Lessons).Any(l => l.Key == lessonKey))
                    {
                        PlaceLesson(course, module, lessonKey).Position = ++lessonPosition;
                    }

                    continue;
                }

                var lesson = PlaceLesson(course, module, lessonKey);
                lesson.Position = ++lessonPosition;
                await ReadLessonAsync(context, lessonItem, lessonPath, lesson, kind, cancellationToken);
            }
        }

        RemoveUnnamed(course, keptModules, keptLessons);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var lesson in course.Modules.SelectMany(m => m.Lessons))
        {
            lesson.CourseId = course.Id;
        }
    }

    /// <summary>The lesson with this key, in <paramref name="module"/>: new, already there, or moved there from another module.</summary>
    private static Lesson PlaceLesson(Course course, CourseModule module, string key)
    {
        var lesson = course.Modules.SelectMany(m => m.Lessons).SingleOrDefault(l => l.Key == key);
        if (lesson is null)
        {
            lesson = new Lesson { Key = key, CourseId = course.Id };
            module.Lessons.Add(lesson);
        }
        else if (!module.Lessons.Contains(lesson))
        {
            course.Modules.Single(m => m.Lessons.Contains(lesson)).Lessons.Remove(lesson);
            module.Lessons.Add(lesson);
        }

        return lesson;
    }

    private async Task ReadLessonAsync(RecipeStepContext context, JsonElement lessonItem, string lessonPath, Lesson lesson, string kind, CancellationToken cancellationToken)
    {
        lesson.Title = context.RequiredString(lessonItem, "title", lessonPath, t["Recipe.TitleRequired"]);
        if (!kinds.IsOffered(kind))
        {
            throw context.Error(lessonPath + ".kind", t["Recipe.KindUnknown", kind, string.Join(", ", kinds.Offered)]);
        }

        lesson.Kind = kind;
        lesson.Required = !lessonItem.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.False;
        lesson.MarkAsDone = lessonItem.OptionalBool("markAsDone");
        lesson.Minutes = lessonItem.TryGetProperty("minutes", out var minutes) && minutes.ValueKind == JsonValueKind.Number ? minutes.GetInt32() : 0;
        lesson.Markdown = lessonItem.OptionalString("markdown") ?? "";
        lesson.Url = lessonItem.OptionalString("url");
        lesson.Reference = lessonItem.OptionalString("reference");
        lesson.PrerequisiteLessonKey = lessonItem.OptionalString("prerequisite");
        if (lessonItem.OptionalString("file") is { } file)
        {
            await StoreLessonFileAsync(context, lessonItem, lessonPath, lesson, file, cancellationToken);
        }
    }

    /// <summary>Only a regular file inside the recipe's own folder: no "../", no absolute path, no link to elsewhere.</summary>
    private async Task StoreLessonFileAsync(RecipeStepContext context, JsonElement lessonItem, string lessonPath, Lesson lesson, string file, CancellationToken cancellationToken)
    {
        var root = context.BaseDirectory is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(context.BaseDirectory)) + Path.DirectorySeparatorChar;
        var source = root is null ? null : Path.GetFullPath(Path.Combine(root, file));
        if (source is null || !source.StartsWith(root!, StringComparison.Ordinal) || !File.Exists(source) || new FileInfo(source).LinkTarget is not null)
        {
            throw context.Error(lessonPath + ".file", t["Recipe.FileMissing", file]);
        }

        await using var stream = File.OpenRead(source);
        var stored = await files.StoreAsync(stream, file, imagesOnly: false, cancellationToken)
            ?? throw context.Error(lessonPath + ".file", t["Recipe.FileType", file]);
        lesson.FileName = stored.StoredName;
        lesson.FileDisplayName = lessonItem.OptionalString("fileName") ?? Path.GetFileName(file);
    }

    private void RemoveUnnamed(Course course, HashSet<string> keptModules, HashSet<string> keptLessons)
    {
        foreach (var module in course.Modules.Where(m => !keptModules.Contains(m.Key)).ToList())
        {
            course.Modules.Remove(module);
            db.Remove(module);
        }

        foreach (var module in course.Modules)
        {
            foreach (var lesson in module.Lessons.Where(l => !keptLessons.Contains(l.Key)).ToList())
            {
                module.Lessons.Remove(lesson);
                db.Remove(lesson);
            }
        }
    }

    private DateTime? ParseDate(RecipeStepContext context, JsonElement item, string property, string path)
    {
        var text = item.OptionalString(property);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.UtcDateTime
            : throw context.Error($"{path}.{property}", t["Recipe.DateInvalid", text]);
    }

    private static string Fingerprint(Course course) => string.Join('|',
        course.Title, course.Summary, course.Topic, course.Language, course.SelfEnrol, course.Sequential, course.EstimatedHours, course.Audience,
        course.OpensUtc, course.ClosesUtc, course.PrerequisiteCourseId,
        string.Join(';', course.Modules.OrderBy(m => m.Position).Select(m => m.Key + ":" + m.Title + ":" + m.Position + ":" +
            string.Join(',', m.Lessons.OrderBy(l => l.Position).Select(l => string.Join('/', l.Key, l.Title, l.Kind, l.Position, l.Required, l.MarkAsDone, l.Minutes, l.Markdown.GetHashCode(StringComparison.Ordinal), l.Url, l.FileName, l.Reference, l.PrerequisiteLessonKey))))));
}
