using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Learning.Courses.Data;
using Learning.Data;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Services;

/// <summary>
/// A course package is a zip: <c>recipe.json</c> (a <c>courses</c> step with the draft) and <c>files/</c> with every lesson
/// file it references. Importing runs the recipe through the recipe runner, so a bad package changes nothing.
/// </summary>
public sealed class CoursePackages(LearningDbContext db, CourseFiles files, IRecipeRunner recipes, Microsoft.Extensions.Localization.IStringLocalizer<CoursesStrings> t)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public const long MaxPackageBytes = 500L * 1024 * 1024;

    public async Task<byte[]> ExportAsync(int courseId, CancellationToken cancellationToken = default)
    {
        var course = await db.Set<Course>().AsNoTracking().Include(c => c.Modules).ThenInclude(m => m.Lessons).SingleAsync(c => c.Id == courseId, cancellationToken);
        var prerequisite = course.PrerequisiteCourseId is { } p ? await db.Set<Course>().Where(c => c.Id == p).Select(c => c.Slug).SingleOrDefaultAsync(cancellationToken) : null;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var modules = new JsonArray();
            var written = new HashSet<string>(StringComparer.Ordinal); // a zip being created cannot be asked for its entries

            foreach (var module in course.Modules.OrderBy(m => m.Position))
            {
                var lessons = new JsonArray();
                foreach (var lesson in module.Lessons.OrderBy(l => l.Position))
                {
                    var node = new JsonObject
                    {
                        ["key"] = lesson.Key,
                        ["title"] = lesson.Title,
                        ["kind"] = lesson.Kind,
                        ["required"] = lesson.Required,
                        ["markAsDone"] = lesson.MarkAsDone,
                        ["minutes"] = lesson.Minutes,
                        ["markdown"] = lesson.Markdown,
                    };
                    if (lesson.Url is not null) { node["url"] = lesson.Url; }
                    if (lesson.Reference is not null) { node["reference"] = lesson.Reference; }
                    if (lesson.PrerequisiteLessonKey is not null) { node["prerequisite"] = lesson.PrerequisiteLessonKey; }
                    if (lesson.FileName is not null && files.PathOf(lesson.FileName) is { } source)
                    {
                        var entry = "files/" + lesson.FileName;
                        if (written.Add(entry))
                        {
                            await using var target = await zip.CreateEntry(entry).OpenAsync(cancellationToken);
                            await using var input = File.OpenRead(source);
                            await input.CopyToAsync(target, cancellationToken);
                        }

                        node["file"] = entry;
                        node["fileName"] = lesson.FileDisplayName;
                    }

                    lessons.Add(node);
                }

                modules.Add(new JsonObject { ["key"] = module.Key, ["title"] = module.Title, ["lessons"] = lessons });
            }

            var courseNode = new JsonObject
            {
                ["slug"] = course.Slug,
                ["title"] = course.Title,
                ["summary"] = course.Summary,
                ["topic"] = course.Topic,
                ["audience"] = new JsonArray(course.Audience.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(a => (JsonNode)a).ToArray()),
                ["language"] = course.Language,
                ["estimatedHours"] = course.EstimatedHours,
                ["selfEnrol"] = course.SelfEnrol,
                ["sequential"] = course.Sequential,
                ["publish"] = course.IsPublished,
                ["modules"] = modules,
            };
            if (prerequisite is not null) { courseNode["prerequisite"] = prerequisite; }
            if (course.OpensUtc is { } opens) { courseNode["opens"] = opens.ToString("O"); }
            if (course.ClosesUtc is { } closes) { courseNode["closes"] = closes.ToString("O"); }

            var recipe = new JsonObject
            {
                ["name"] = "course-" + course.Slug,
                ["displayName"] = course.Title,
                ["description"] = "Course package exported " + DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC",
                ["steps"] = new JsonArray(new JsonObject { ["name"] = "courses", ["courses"] = new JsonArray(courseNode) }),
            };
            await using var recipeStream = await zip.CreateEntry("recipe.json").OpenAsync(cancellationToken);
            await JsonSerializer.SerializeAsync(recipeStream, recipe, Json, cancellationToken);
        }

        return buffer.ToArray();
    }

    /// <summary>The only steps a course package may carry: course content. Anything else (accounts, roles, scopes, the
    /// organisation, settings, other recipes) is refused before anything runs, whoever imports it.</summary>
    public static readonly IReadOnlySet<string> PackageSteps = new HashSet<string>(["courses", "learningPaths"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Imports a package (zip with recipe.json) or a bare recipe JSON file, as <paramref name="importer"/>.</summary>
    public async Task<RecipeResult> ImportAsync(Stream upload, System.Security.Claims.ClaimsPrincipal importer, CancellationToken cancellationToken = default)
    {
        var folder = Directory.CreateTempSubdirectory("learning-package-").FullName;
        try
        {
            var package = Path.Combine(folder, "upload");
            await using (var file = File.Create(package))
            {
                await upload.CopyToAsync(file, cancellationToken);
            }

            var head = new byte[4];
            await using (var check = File.OpenRead(package))
            {
                _ = await check.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, cancellationToken);
            }

            string recipePath;
            string? filesFolder = null;
            if (head.AsSpan().SequenceEqual((byte[])[0x50, 0x4B, 0x03, 0x04]))
            {
                var extract = Path.Combine(folder, "package");
                try
                {
                    await ZipFile.ExtractToDirectoryAsync(package, extract, cancellationToken);
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException)
                {
                    // A corrupt zip, or an entry that tries to escape the folder ("zip slip").
                    return RecipeResult.Failed("?", t["Package.Corrupt", ex.Message], null, null);
                }

                recipePath = Path.Combine(extract, "recipe.json");
                filesFolder = extract;
                if (!File.Exists(recipePath))
                {
                    return RecipeResult.Failed("?", t["Package.NoRecipe"], null, "$");
                }
            }
            else
            {
                recipePath = package;
            }

            await using var stream = File.OpenRead(recipePath);
            // A bare recipe file has no files: nothing next to it may be read.
            return await recipes.RunAsync(stream, filesFolder, new RecipeRunOptions(importer, PackageSteps, StepsOnce: true), cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
