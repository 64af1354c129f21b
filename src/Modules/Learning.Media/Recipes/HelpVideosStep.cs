using Learning.Data;
using Learning.Media.Data;
using Learning.Media.Services;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Media.Recipes;

/// <summary>
/// <c>{ "name": "helpVideos", "videos": [ { "title", "description"?, "field"?, "file": path next to the recipe, "captions"?: [ { "language", "file" } ] } ] }</c>.
/// A video already in the library under the same title is updated, not uploaded again. Files are probed like uploads.
/// </summary>
public sealed class HelpVideosStep(LearningDbContext db, UploadService uploads, MediaStorage storage, CaptionService captions, IOptions<MediaOptions> options, IStringLocalizer<MediaStrings> t) : IRecipeStepHandler
{
    public string StepName => "helpVideos";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        foreach (var (item, path) in context.ArrayItems(context.Step, "videos", "", t["Recipe.VideosRequired"]).ToList())
        {
            var title = context.RequiredString(item, "title", path, t["Recipe.TitleRequired"]);
            var field = item.OptionalString("field");
            if (field is not null && !SupportFields.All.Contains(field))
            {
                throw context.Error(path + ".field", t["Recipe.FieldUnknown", field, string.Join(", ", SupportFields.All)]);
            }

            var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.IsHelp && v.Title == title, cancellationToken);
            if (video is null)
            {
                var relative = context.RequiredString(item, "file", path, t["Recipe.FileRequired"]);
                var file = Resolve(context, relative) ?? throw context.Error(path + ".file", t["Recipe.FileMissing", relative]);
                var probe = await UploadService.ProbeAsync(file, options.Value, cancellationToken);
                if (!probe.IsVideo)
                {
                    throw context.Error(path + ".file", t["Upload.NotVideo", probe.Problem ?? ""]);
                }

                video = await uploads.CreateVideoAsync(file, Path.GetFileName(file), title, "recipe", new FileInfo(file).Length, probe, move: false, cancellationToken);
                var staged = video.PublicId;
                context.OnRollback(() => storage.DiscardStaged(staged)); // the copy stays in staging until the job, after commit, moves it
            }

            video.IsHelp = true;
            video.Field = field;
            video.Description = item.OptionalString("description") ?? "";
            video.SearchText = SearchText.Fold(video.Title + " " + video.Description);
            await db.SaveChangesAsync(cancellationToken);

            if (item.TryGetProperty("captions", out _))
            {
                foreach (var (caption, captionPath) in context.ArrayItems(item, "captions", path, t["Recipe.VideosRequired"]).ToList())
                {
                    var language = context.RequiredString(caption, "language", captionPath, t["Recipe.LanguageRequired"]);
                    var relative = context.RequiredString(caption, "file", captionPath, t["Recipe.FileRequired"]);
                    var file = Resolve(context, relative) ?? throw context.Error(captionPath + ".file", t["Recipe.FileMissing", relative]);
                    try
                    {
                        await captions.SaveAsync(video, language, await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
                    }
                    catch (CaptionFormatException ex)
                    {
                        throw context.Error(captionPath + ".file", t["Captions.Invalid", ex.Line, ex.Reason]);
                    }
                }
            }
        }
    }

    private static string? Resolve(RecipeStepContext context, string relative)
    {
        if (context.BaseDirectory is null || Path.IsPathRooted(relative))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(context.BaseDirectory, relative));
        return full.StartsWith(Path.GetFullPath(context.BaseDirectory), StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }
}
